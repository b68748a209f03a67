import fastifySession, { FastifySessionOptions } from '@fastify/session';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fastifyPlugin from 'fastify-plugin';

const STARTS_SESSION = 'evently:startsSession';

declare module 'fastify' {
  interface FastifyContextConfig {
    [STARTS_SESSION]?: boolean;
  }
}

/** A route that may begin a session for a request that brings none (login). */
export const StartsSession = () => RouteConfig({ [STARTS_SESSION]: true });

type RequestHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * @fastify/session, run only for the requests that can have a session: those that bring the
 * session cookie, and the routes marked @StartsSession(). For any other request (every token
 * caller's) its onRequest hook would make, sign and hash a session that is never saved, about 6%
 * of a cheap request's CPU; skipped, `request.session` stays null. The plugin has no option for
 * this, so it is handed an instance whose addHook wraps that one hook (as Nest's FastifyAdapter
 * does for @fastify/cors).
 */
export const sessionsWhereNeeded = fastifyPlugin<FastifySessionOptions & { cookieName: string }>(
  (fastify, options, done) => {
    const needsSession = (request: FastifyRequest) =>
      request.cookies[options.cookieName] !== undefined || request.routeOptions.config[STARTS_SESSION] === true;
    const onlyWhereNeeded =
      (hook: RequestHook): RequestHook =>
      (request, reply, next) =>
        needsSession(request) ? hook(request, reply, next) : next();
    const instance = new Proxy(fastify, {
      get: (target, property) => {
        if (property === 'addHook') {
          return (name: string, hook: RequestHook) =>
            target.addHook(name as 'onRequest', name === 'onRequest' ? onlyWhereNeeded(hook) : hook);
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    fastifySession(instance as FastifyInstance, options, done);
  },
  { name: 'evently-sessions', dependencies: ['@fastify/cookie'] },
);
