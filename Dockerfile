# hie-sandbox: Ocean eReferral, PLR and HCIM simulated in one Node process.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
# The lock file names this local stand-in (a dev dependency; pruned below).
COPY test/support/webcrypto-shim ./test/support/webcrypto-shim
COPY src ./src
COPY scripts ./scripts
COPY seed ./seed
COPY scenarios ./scenarios
RUN npm ci --ignore-scripts && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HIE_SANDBOX_HOST=0.0.0.0 \
    HIE_SANDBOX_ADMIN_TOKEN=generate \
    HIE_SANDBOX_DATA=/data/sandbox.json
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/seed ./seed
COPY --from=build /app/scenarios ./scenarios
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8900
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:8900/admin/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/cli/index.js", "start"]
