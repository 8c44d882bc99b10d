// A minimal FHIR system for testing the shared plumbing: a read, a create, a bug, and a guarded route.
import type { SystemFactory } from '../../src/app-deps.js';
import { requireBearer } from '../../src/auth/index.js';
import { createFhirRouter, buildCapabilityStatement, notFound, invalid, type RouteDef, operationOutcome } from '../../src/fhir/index.js';

export const echoSystem: SystemFactory = (deps) => {
  const routes: RouteDef[] = [
    {
      method: 'GET',
      path: '/metadata',
      name: 'capabilities',
      capability: { kind: 'none' },
      handler: (req) => ({ resource: buildCapabilityStatement(routes, { name: 'Echo', title: 'Echo test system', baseUrl: req.baseUrl, version: deps.version, date: '2026-01-01' }) }),
    },
    {
      method: 'GET',
      path: '/Patient/:id',
      name: 'read-patient',
      capability: { kind: 'interaction', type: 'Patient', interaction: 'read' },
      seam: 'echo.read',
      handler: (req) => {
        const client = deps.population.clientByPhn(req.params.id!);
        if (!client) throw notFound(`Patient/${req.params.id} is not known`);
        return { resource: client.patient, correlation: { phn: client.phn } };
      },
    },
    {
      method: 'POST',
      path: '/Patient',
      name: 'create-patient',
      capability: { kind: 'interaction', type: 'Patient', interaction: 'create' },
      handler: (req) => {
        const body = req.body as { resourceType?: string } | undefined;
        if (body?.resourceType !== 'Patient') throw invalid('the body must be a Patient');
        return { status: 201, resource: operationOutcome({ severity: 'information', code: 'informational', diagnostics: 'created' }) };
      },
    },
    {
      method: 'GET',
      path: '/Bug',
      name: 'bug',
      capability: { kind: 'none' },
      handler: () => {
        throw new TypeError('secret internal detail');
      },
    },
    {
      method: 'POST',
      path: '/$guarded',
      name: 'guarded',
      capability: { kind: 'operation', name: '$guarded', definition: 'http://example.org/OperationDefinition/guarded' },
      handler: (req) => ({ resource: operationOutcome({ severity: 'information', code: 'informational', diagnostics: `hello ${req.partner}` }) }),
    },
  ];
  deps.faults.declare({ seam: 'echo.read', description: 'the echo read' });
  const router = createFhirRouter({
    routes,
    faults: deps.faults,
    baseUrl: (req) => `${deps.config.baseUrl}${req.baseUrl}`,
    bodyLimitBytes: deps.config.bodyLimitBytes,
    log: deps.log,
    guard: async (req, route) => {
      if (route.name !== 'guarded') return;
      const principal = await requireBearer(req.headers.authorization, deps.issuer, 'plr', deps.config.auth);
      req.partner = principal.partner;
    },
  });
  return { name: 'hcim', router, endpoints: () => [{ label: 'Echo', url: `${deps.config.baseUrl}/hcim` }] };
};
