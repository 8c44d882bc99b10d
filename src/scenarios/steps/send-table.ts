// The messages the sandbox can push to the target, each as the admin API call that makes the system send it.

export interface SendRoute {
  method: 'POST' | 'PUT';
  /** Admin path; `:name` segments are filled from the step's `with` (and removed from the body). */
  path: string;
  description: string;
}

/**
 * Keyed `system:message`. Ocean acts as the sender (so the target receives), PLR distributes a
 * registry-side change, HCIM notifies a patient change. One table, so a new message is one line.
 */
export const SEND_TABLE: Readonly<Record<string, SendRoute>> = {
  'ocean:add-service-request': { method: 'POST', path: '/admin/ocean/referrals', description: 'Ocean creates a referral and sends add-service-request to the receiving listing' },
  'ocean:revoke-service-request': { method: 'POST', path: '/admin/ocean/referrals/:ref/cancel', description: 'the sender cancels the referral; Ocean sends revoke-service-request' },
  'ocean:send-communication-from-requester': { method: 'POST', path: '/admin/ocean/referrals/:ref/communications', description: 'the sender messages the receiver' },
  'ocean:notify-update-service-request': { method: 'POST', path: '/admin/ocean/referrals/:ref/resend', description: 'Ocean resends the referral as updated' },
  'plr:distribution': { method: 'POST', path: '/admin/plr/changes', description: 'a registry-side change (e.g. a licence suspension) that PLR distributes to subscribers' },
  'hcim:notification': { method: 'POST', path: '/admin/hcim/changes', description: 'a registry-side patient change that HCIM notifies to subscribers' },
};

/** Resolves a send step to an admin request; throws when the message is unknown or a path value is missing. */
export function resolveSend(as: string, message: string, withValues: Record<string, unknown>): { method: string; path: string; body: Record<string, unknown> } {
  const route = SEND_TABLE[`${as}:${message}`];
  if (!route) {
    const known = Object.keys(SEND_TABLE).filter((k) => k.startsWith(`${as}:`)).map((k) => k.slice(as.length + 1));
    throw new Error(`${as} cannot send "${message}"; it can send ${known.join(', ')}`);
  }
  const body = { ...withValues };
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => {
    const v = body[name];
    if (v === undefined) throw new Error(`send ${message} needs "with.${name}"`);
    delete body[name];
    return encodeURIComponent(String(v));
  });
  return { method: route.method, path, body };
}
