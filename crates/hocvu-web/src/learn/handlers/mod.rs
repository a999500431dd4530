pub mod my_learning;
pub mod show_catalogue;
pub mod show_course;
pub mod show_lesson;
pub mod submit_quiz;
