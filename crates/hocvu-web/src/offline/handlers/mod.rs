pub mod manifest;
pub mod offline_page;
pub mod pack;
pub mod service_worker;
