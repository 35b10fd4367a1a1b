import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built twin viewer at `/twin/`. The page is the operations center's front door, so `/`
 * leads there too; the key in the query string (`?key=…`) is passed along.
 */
export async function registerViewerRoutes(app: FastifyInstance, dist: string): Promise<void> {
  await app.register(fastifyStatic, { root: dist, prefix: '/twin/', index: ['index.html'] });
  const toTwin = (url: string) => `/twin/${url.includes('?') ? url.slice(url.indexOf('?')) : ''}`;
  app.get('/twin', async (request, reply) => reply.redirect(toTwin(request.url)));
  app.get('/', async (request, reply) => reply.redirect(toTwin(request.url)));
}
