// Baseline: a minimal Express 5 app. GET / answers a small JSON document; GET /same/<name> answers the bytes of
// <name> from BODIES_DIR (a sandbox response saved earlier in the same run), so large responses compare like for like.
// POST /same/<name> parses the JSON it is sent (express.json, whatever its type) and answers the same: the twin of
// an operation the sandbox receives as a POST (HCIM's) receives the same request, as a minimal JSON API would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';

const bodies = new Map();
if (process.env.BODIES_DIR) for (const f of readdirSync(process.env.BODIES_DIR)) bodies.set(f, readFileSync(join(process.env.BODIES_DIR, f)));
const small = { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: 'minimal Express 5 baseline answering every request with this fixed JSON document.' }] };
const app = express();
app.get('/', (_req, res) => void res.json(small));
const same = (req, res) => {
  const body = bodies.get(req.params.name);
  if (!body) return void res.status(404).json({ error: 'no such body' });
  res.type('application/json').send(body);
};
app.get('/same/:name', same);
app.post('/same/:name', express.json({ type: () => true, limit: '1mb' }), same);
app.listen(Number(process.env.PORT), '127.0.0.1');
