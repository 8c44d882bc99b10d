// The schemas the API description refers to: loose where FHIR is open-ended, exact where the wire format is fixed.

/** `components.schemas` of the document (JSON Schema 2020-12, as OpenAPI 3.1 uses). */
export const SCHEMAS: Readonly<Record<string, unknown>> = {
  FhirResource: {
    type: 'object',
    description: 'Any FHIR R4 resource (https://hl7.org/fhir/R4/resourcelist.html)',
    required: ['resourceType'],
    properties: { resourceType: { type: 'string', pattern: '^[A-Z][A-Za-z]+$' }, id: { type: 'string' } },
  },
  OperationOutcome: {
    description: 'A FHIR OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html), or an OAuth error on a token endpoint',
    oneOf: [
      {
        type: 'object',
        required: ['resourceType', 'issue'],
        properties: {
          resourceType: { const: 'OperationOutcome' },
          issue: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['severity', 'code'],
              properties: { severity: { enum: ['fatal', 'error', 'warning', 'information'] }, code: { type: 'string' }, diagnostics: { type: 'string' }, details: { type: 'object' } },
            },
          },
        },
      },
      { $ref: '#/components/schemas/OAuthError' },
    ],
  },
  TokenResponse: {
    type: 'object',
    description: 'RFC 6749 §5.1 token response (or an RFC 7662 introspection answer)',
    properties: { access_token: { type: 'string' }, token_type: { type: 'string' }, expires_in: { type: 'integer' }, scope: { type: 'string' }, active: { type: 'boolean' } },
  },
  OAuthError: {
    type: 'object',
    description: 'RFC 6749 §5.2 error response',
    required: ['error'],
    properties: { error: { type: 'string' }, error_description: { type: 'string' } },
  },
};
