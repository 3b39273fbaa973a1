# newsclean: the HTTP service with the shipped model. Build: podman/docker build -t newsclean .
# BASE is any Debian-like image with python3 and venv; .ci/container-check passes a local one.
ARG BASE=python:3.12-slim

# --- build: install the service and its pinned runtime dependencies into a venv -------------
FROM ${BASE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python3 -m venv /opt/venv
WORKDIR /src
COPY pyproject.toml constraints.txt ./
COPY service ./service
# constraints.txt is the lock: every runtime dependency resolves to the version tested in CI.
RUN /opt/venv/bin/pip install --no-cache-dir -c constraints.txt . \
 && /opt/venv/bin/python -m compileall -q /opt/venv

# --- runtime: the venv, the model, a numeric non-root user --------------------------------
FROM ${BASE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    MODEL_DIR=/app/model
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY model ./model
USER 10001:10001
EXPOSE 8000
# Ready means a model is loaded and passed its smoke prediction; python, so no curl is needed.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["python3", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('PORT', '8000'), timeout=2)"]
CMD ["python3", "-m", "service"]
