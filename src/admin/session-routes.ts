// The admin token's own routes: the dashboard's sign-in link and rotation.
import express from 'express';
import { forbidden, unauthorized } from '../fhir/index.js';
import { ADMIN_COOKIE, type AdminAccess } from './access.js';

const cookie = (token: string) => `${ADMIN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;

export function createSessionRoutes(access: AdminAccess): express.Router {
  const router = express.Router();
  /** `GET /admin/login?token=...`: sets the dashboard's cookie and opens the dashboard. */
  router.get('/login', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (!access.required) return void res.redirect(303, '/');
    if (!token || !access.accepts(token)) throw unauthorized('the sign-in link needs the current admin token: /admin/login?token=<token>');
    res.setHeader('Set-Cookie', cookie(token));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.redirect(303, '/');
  });
  /** `POST /admin/token/rotate`: a new token; the old one (and cookies holding it) stop working. */
  router.post('/token/rotate', (_req, res) => {
    if (!access.required) throw forbidden('this sandbox runs without an admin token (loopback only); start it with --admin-token to use one');
    const token = access.rotate();
    res.setHeader('Set-Cookie', cookie(token));
    res.setHeader('Cache-Control', 'no-store');
    res.json({ token });
  });
  return router;
}
