//! Unknown API paths and methods.

use crate::site::error::AppError;

pub async fn handle() -> Result<(), AppError> {
    Err(AppError::not_found())
}
