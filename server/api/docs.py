"""The API's documentation page at /api/v1/docs: Swagger UI over our OpenAPI description,
served from the `swagger-ui-bundle-v2` package (no CDN: municipal networks often block them)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path


def add_docs(api: FastAPI) -> None:
    api.mount("/docs-static", StaticFiles(directory=swagger_ui_path), name="docs-static")

    @api.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        return get_swagger_ui_html(
            openapi_url=f"{root}{api.openapi_url}", title="Gevinsttavlen API",
            swagger_js_url=f"{root}/docs-static/swagger-ui-bundle.js",
            swagger_css_url=f"{root}/docs-static/swagger-ui.css",
            swagger_favicon_url=f"{root}/docs-static/favicon-32x32.png",
        )
