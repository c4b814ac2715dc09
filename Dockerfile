# syntax=docker/dockerfile:1
# zt-audit as a container: the scheduled in-cluster audit (deploy/) and CI jobs use this image.

FROM node:24-alpine AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the development-only Node.js download and native helpers are not needed to build
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY bin ./bin
COPY scripts ./scripts
COPY src ./src
COPY rules ./rules
COPY templates ./templates
RUN npm run build && npx oclif manifest && npm prune --omit=dev --ignore-scripts

FROM node:24-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json /src/oclif.manifest.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/bin/run.js ./bin/run.js
COPY --from=build /src/dist ./dist
RUN ln -s /app/bin/run.js /usr/local/bin/zt-audit
# an unprivileged user; nothing is written but the reports (pass --output-dir on a writable volume), so a
# read-only root filesystem works
USER 65532:65532
ENTRYPOINT ["zt-audit"]
CMD ["--help"]
