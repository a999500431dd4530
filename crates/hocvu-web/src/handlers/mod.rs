//! One action per file; every route is registered in [`crate::routes::config`].

pub mod account;
pub mod api;
pub mod certificates;
pub mod learn;
pub mod manage;
pub mod site;
