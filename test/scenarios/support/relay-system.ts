// A test-only system: POST /hcim/relay enqueues an outbound delivery on the ocean channel (so scenarios can exercise
// retries), for the demo partner unless the body names another.
import express from 'express';
import type { SystemFactory } from '../../../src/app-deps.js';

export const relaySystem: SystemFactory = (deps) => {
  const router = express.Router();
  router.post('/relay', express.json(), (req, res) => {
    const { url, event, partner = 'demo', referral } = req.body as { url: string; event: string; partner?: string; referral?: string };
    const body = JSON.stringify({ resourceType: 'Bundle', type: 'message', entry: [{ resource: { resourceType: 'MessageHeader', eventCoding: { code: event } } }] });
    const m = deps.delivery.enqueue({ channel: 'ocean', partner, url, body, correlation: { event, ...(referral ? { referral } : {}) } });
    res.status(202).json({ delivery: m.id, createdAt: m.createdAt });
  });
  return { name: 'hcim', router, endpoints: () => [] };
};
