# The Kundrytm connector as a container image (docs/admin.md, section 6, "In a container"):
#   docker build -t kundrytm:$(node -p 'require("./package.json").version') .
# Two stages: the build (npm ci with the dev tools, the task pane and the server compiled), then a runtime
# with production dependencies only, run as the unprivileged user "node".
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The pane's UI libraries are bundled into dist/addin by the build; the server never loads them (~400 MB).
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@fluentui node_modules/@azure/msal-browser

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    NODE_USE_ENV_PROXY=1
WORKDIR /app
# The compiled connector and the built pane; bin/, connector/ and shared/ for the kundrytm CLI (doctor,
# imports, classify), which runs from the TypeScript sources through tsx.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/connector ./connector
COPY --from=build /app/shared ./shared
COPY --from=build /app/docs ./docs
USER node
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "build/connector/src/main.js"]
