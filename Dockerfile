# syntax=docker/dockerfile:1
# The llm-otel image: the router (`llm-otel router`), the mock OpenAI-compatible backend
# (`llm-otel mock-server`) and the example app, built from this repository. Multi-stage as in
# Node's Docker guide (nodejs/docker-node docs/BestPractices.md): build with dev dependencies,
# run with production ones as the unprivileged `node` user.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies, plus the openai SDK the example app uses (a dev dependency here).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm install --no-save --ignore-scripts --no-audit --no-fund openai@7 \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY register.js router-config.yaml ./
COPY examples ./examples
USER node
EXPOSE 8801
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["router", "--config", "router-config.yaml", "--host", "0.0.0.0", "--port", "8801"]
