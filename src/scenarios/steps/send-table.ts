// The messages the sandbox can push to the target, each as the admin API call that makes the system send it.

export interface SendRoute {
  method: 'POST' | 'PUT';
  /** Admin path; `:name` segments are filled from the step's `with` (and removed from the body). */
  path: string;
  description: string;
  /** Body fields sent unless the step's `with` gives them. */
  defaults?: Record<string, unknown>;
}

/**
 * Keyed `system:message`, each the real admin route of that system (src/ocean/portal/admin-router.ts,
 * src/plr/admin-routes.ts). Ocean acts as the sender (so the target receives); PLR distributes a
 * registry-side change. HCIM has no registry-side change route: its notifications follow an
 * $AddPatient/$RevisePatient/$MergePatient, so scenarios `call` those. One table, so a new message is one line.
 */
export const SEND_TABLE: Readonly<Record<string, SendRoute>> = {
  'ocean:add-service-request': { method: 'POST', path: '/admin/ocean/referrals', description: 'Ocean creates a referral ({listingRef, phn | patient, siteNum?, reason?, attachments?, note?}) and sends add-service-request to the receiving listing, notify-add-service-request to the sender' },
  'ocean:revoke-service-request': { method: 'POST', path: '/admin/ocean/referrals/:ref/cancel', description: 'the sender cancels the referral in the portal; Ocean sends revoke-service-request to the receiver, and nothing to the sender' },
  'ocean:notify-update-service-request': { method: 'POST', path: '/admin/ocean/referrals/:ref/resend', description: 'Ocean support resends the referral as updated (notify-update-service-request)', defaults: { mode: 'updated' } },
  'ocean:resend-as-new': { method: 'POST', path: '/admin/ocean/referrals/:ref/resend', description: 'Ocean support resends the referral as new (add-service-request)', defaults: { mode: 'new' } },
  'plr:distribution': { method: 'POST', path: '/admin/plr/changes', description: 'a registry-side change ({id | ids, change: suspend | reinstate | inactivate | rename | touch}) that PLR distributes to subscribers' },
};

/** Resolves a send step to an admin request; throws when the message is unknown or a path value is missing. */
export function resolveSend(as: string, message: string, withValues: Record<string, unknown>): { method: string; path: string; body: Record<string, unknown> } {
  const route = SEND_TABLE[`${as}:${message}`];
  if (!route) {
    const known = Object.keys(SEND_TABLE).filter((k) => k.startsWith(`${as}:`)).map((k) => k.slice(as.length + 1));
    throw new Error(`${as} cannot send "${message}"; it can send ${known.join(', ')}`);
  }
  const body = { ...route.defaults, ...withValues };
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => {
    const v = body[name];
    if (v === undefined) throw new Error(`send ${message} needs "with.${name}"`);
    delete body[name];
    return encodeURIComponent(String(v));
  });
  return { method: route.method, path, body };
}
