// Baseline: a bare node:http server answering a small JSON document (about 220 bytes with headers' worth of body).
import http from 'node:http';

const body = JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: 'bare node:http baseline answering every request with this fixed JSON document.' }] });
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
