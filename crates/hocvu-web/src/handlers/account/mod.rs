pub mod login;
pub mod logout;
pub mod register;
pub mod show_login;
pub mod show_register;
