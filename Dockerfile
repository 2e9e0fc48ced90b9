# syntax=docker/dockerfile:1
# One image for the API and the projector (compose picks the command). Multi-stage: build with the
# dev dependencies, run with production dependencies only, as the unprivileged `node` user.

FROM node:20-bookworm-slim AS toolchain
# better-sqlite3 (the embedded store, still a dependency) compiles when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs libs
COPY apps apps
RUN npm run build

FROM toolchain AS production-dependencies
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# A 64 MiB young generation, as .npmrc gives every npm script: rebuilds run faster and in less memory (ADR 0008).
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/app/data NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
COPY --from=production-dependencies /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
# The CLI: `ledger …` (docker compose exec api ledger users add …), the built CLI in dist with no build tool.
COPY bin bin
RUN ln -s /app/bin/ledger /usr/local/bin/ledger && mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# The API (npm run start:prod); the projector runs `node dist/apps/projector/src/main.js` (npm run start:projector);
# the CLI is `ledger` (docs/production.md).
CMD ["node", "dist/apps/ledger-api/src/main.js"]
