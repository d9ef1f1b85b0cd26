"""QR codes as SVG data URIs (for the authenticator-app set-up; the CSP allows data: images)."""
import segno


def qr_code_data_uri(text: str) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=5, border=2, dark="#2a1a14", light="#fffdf9")
