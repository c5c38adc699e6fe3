"""Headers for static files. WhiteNoise answers them before heartwork's middleware runs,
so the cross-origin rule every other response carries is added here too. Kept free of
Django imports: settings.py hands this function to WhiteNoise."""


def static_file_headers(headers, path: str, url: str) -> None:
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
