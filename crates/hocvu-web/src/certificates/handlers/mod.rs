pub mod badge;
pub mod claim;
pub mod jwks;
pub mod picture;
pub mod reissue;
pub mod show;
pub mod show_verify;
pub mod verify_form;
