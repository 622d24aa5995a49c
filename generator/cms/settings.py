"""The browser editor's settings: `extra.cms` in mkdocs.yml (see CONTRIBUTING.md)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


class CmsSettingsError(ValueError):
    pass


class CmsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    repo: str = Field("", description="Kho GitHub dạng `chu-so-huu/ten-kho`; trống là chưa bật")
    branch: str = Field("main", min_length=1, description="Nhánh nhận pull request")
    base_url: str = Field("", description="Máy chủ OAuth (mặc định của Decap: Netlify)")
    auth_endpoint: str = Field("", description="Đường dẫn đăng nhập trên máy chủ OAuth")
    site_domain: str = Field("", description="Tên miền site trên Netlify (khi dùng OAuth Netlify)")
    api_root: str = Field("", description="API GitHub Enterprise, nếu không dùng github.com")
    books: bool = Field(True, description="Cho sửa định nghĩa sách trong trình soạn thảo")

    @field_validator("repo")
    @classmethod
    def _repo_shape(cls, value: str) -> str:
        if value and not _REPO.match(value):
            raise ValueError("phải có dạng `chu-so-huu/ten-kho`")
        return value

    @field_validator("base_url", "api_root")
    @classmethod
    def _https(cls, value: str) -> str:
        if value and not value.startswith("https://"):
            raise ValueError("phải là địa chỉ bắt đầu bằng `https://`")
        return value.rstrip("/")

    @property
    def enabled(self) -> bool:
        """Without a repository the GitHub backend cannot start; only local editing works."""
        return bool(self.repo)

    def connect_origins(self) -> list[str]:
        """Hosts the editor's page talks to when it publishes through GitHub."""
        origins = [self.api_root or "https://api.github.com"]
        return [re.sub(r"^(https://[^/]+).*$", r"\1", o) for o in origins]


def read_settings(extra: Any) -> CmsSettings:
    """`extra.cms` of mkdocs.yml; CmsSettingsError (Vietnamese) when it is malformed."""
    # MkDocs hands `extra` over as a mapping, not a dict.
    raw = extra.get("cms") if isinstance(extra, Mapping) else None
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise CmsSettingsError("mkdocs.yml: `extra.cms` phải là một nhóm khóa (repo, branch…)")
    try:
        return CmsSettings.model_validate(dict(raw))
    except ValidationError as error:
        problems = "; ".join(
            f"`extra.cms.{'.'.join(str(p) for p in e['loc'])}` {e['msg']}" for e in error.errors()
        )
        raise CmsSettingsError(f"mkdocs.yml: {problems}") from None
