//! Completion certificates for hocvu, without HTTP or a database.
//!
//! - [`code`]: [`CertCode`], the 10-symbol code printed on a certificate
//!   (9 random Crockford base32 symbols + a mod-37 check symbol, restricted
//!   to the 32 base symbols), e.g. `ABCDE-FGHJK`. Forgiving when typed.
//! - [`keys`]: [`KeyRing`], the Ed25519 signing keys kept as
//!   `<unix-seconds>-<kid>.pem` files (PKCS#8, mode 0600) in one directory;
//!   `kid` is the RFC 7638 JWK thumbprint. Rotation adds a newer active key
//!   and keeps the old ones for verification. [`Jwks`] is the public key set.
//! - [`token`]: [`CertificateClaims`] signed as a compact JWS with EdDSA
//!   ([`sign`]) and checked against a JWKS ([`verify`]), EdDSA only, no expiry.
//! - [`badge`]: Open Badges 3.0 export, the unsigned credential
//!   ([`open_badge_json`]) and a VC-JWT ([`open_badge_jwt`]).
//! - [`render`]: PNG pictures of a certificate ([`render_png`]) for print
//!   (A4 landscape, 150 dpi) and for sharing (1080×1350), with shaped text
//!   (rustybuzz, so Ê Đê stacked marks such as ê̆ sit right), an embedded
//!   Noto Sans font and a QR code of the verify URL; and share cards
//!   ([`render_share_card`], 1200×630) for link previews of courses.
//!
//! Wording, issuer name and URLs always come from the caller: nothing
//! user-visible is hard-coded here.

pub mod badge;
pub mod code;
pub mod keys;
pub mod qr;
pub mod render;
pub mod token;

pub use badge::{BadgeContext, open_badge_json, open_badge_jwt, verify_open_badge};
pub use code::{CertCode, CodeError};
pub use keys::{Jwk, Jwks, KeyError, KeyRing};
pub use qr::qr_svg;
pub use render::{
    CertificateView, Field, Layout, RenderError, SHARE_CARD_SIZE, ShareCardView, TextBox,
    layout_boxes, missing_glyphs, render_png, render_share_card,
};
pub use token::{CertificateClaims, SignError, VerifyError, sign, verify};
