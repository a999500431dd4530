//! GET `/{lang}/manage/citizens.csv`: the citizens report, small groups hidden as on the page.

use crate::manage::access::Access;
use crate::manage::reports::commune_rows;
use crate::manage::{csv, masked, share};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx, access: Access) -> Result<HttpResponse, AppError> {
    let rows = commune_rows(ctx.store(), &access).await?;
    let out: Vec<Vec<String>> = rows
        .iter()
        .map(|(u, c)| {
            vec![
                u.code.clone(),
                u.name.clone(),
                u.adults.map(|a| a.to_string()).unwrap_or_default(),
                masked(c.registered),
                masked(c.completed),
                masked(c.certified),
                share(c.certified, u.adults)
                    .map(|p| format!("{p:.1}"))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let header = [
        "code",
        "name",
        "adults",
        "registered",
        "completed_a_course",
        "certified",
        "certified_percent_of_adults",
    ];
    Ok(csv("hocvu-citizens.csv", &header, &out))
}
