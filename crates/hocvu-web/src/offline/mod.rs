//! Offline learning on the phone, added by a script to pages that work without it: the
//! service worker (`/sw.js`), the web app manifest for "Add to Home screen", the offline page
//! shown for pages that were not saved, and each course's offline pack (`site::packs`).
//! The scripts are `crates/hocvu-web/scripts/` (served through `site::scripts`).

pub mod handlers;
