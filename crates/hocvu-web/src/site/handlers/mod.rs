//! The site's own routes: the language redirect, preferences, static files, health, 404.

pub mod healthz;
pub mod not_found;
pub mod prefs;
pub mod robots;
pub mod root;
pub mod static_file;
