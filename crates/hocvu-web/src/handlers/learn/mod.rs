pub mod my_learning;
pub mod show_page;
pub mod submit_quiz;
