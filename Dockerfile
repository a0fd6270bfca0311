# One image for the API and the worker; the compose file picks the command.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --include=dev
COPY . .
RUN node scripts/build-widgets.ts && npm prune --omit=dev
USER node
EXPOSE 3000
CMD ["node", "scripts/api.ts"]
