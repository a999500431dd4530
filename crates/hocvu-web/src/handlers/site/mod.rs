pub mod healthz;
pub mod not_found;
pub mod prefs;
pub mod root;
pub mod static_file;
