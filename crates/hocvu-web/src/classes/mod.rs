//! Commune classes and village guidance sessions (seed 001 §4.1): facilitators create a
//! session, show a rotating check-in code, count the people who came without a phone, and close
//! it; participants check themselves in on their own phones ("không làm thay"); managers see
//! classes and sessions against the plan's targets.

pub mod code;
pub mod handlers;
pub mod pages;
pub mod report;

use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::auth::Throttle;
use crate::site::error::{AppError, ErrorKind};
use crate::site::extract::{account_at, async_extractor};
use crate::site::viewer::Viewer;
use actix_web::HttpRequest;
use hocvu_content::Locale;
use hocvu_store::entities::learners;
use hocvu_store::orgs::{Role, Unit};
use hocvu_store::sessions::Session;

/// Wrong check-in codes per client address, so codes cannot be guessed (generous: a commune
/// hall's phones may share one address).
pub struct CheckinThrottle(pub Throttle);

impl Default for CheckinThrottle {
    fn default() -> Self {
        CheckinThrottle(Throttle {
            limit: 30,
            kind: "checkin",
            ..Throttle::default()
        })
    }
}

/// Who runs sessions where: a facilitator or manager of units (their subtrees), or a
/// province admin (everywhere). Visitors and guests are sent to log in; anyone else gets 403.
pub struct Facilitation {
    pub learner: learners::Model,
    pub viewer: Viewer,
    pub lang: Locale,
    pub admin: bool,
    /// Units whose subtrees they run sessions in.
    pub scopes: Vec<Unit>,
    pub units: Vec<Unit>,
}

impl Facilitation {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        let (site, accounts, lang, learner) = account_at(&req).await?;
        let f = Self::of(&site, &accounts, learner, lang).await?;
        f.viewer.remember(&req);
        Ok(f)
    }

    /// The sessions `learner` may run (the API's entry too); 403 if none.
    pub async fn of(
        site: &Site,
        accounts: &Accounts,
        learner: learners::Model,
        lang: Locale,
    ) -> Result<Self, AppError> {
        if learner.is_guest {
            return Err(AppError::forbidden().because("classes-not-facilitator"));
        }
        let viewer = accounts.viewer_for(site, &learner).await?;
        let roles = accounts.store.roles_of(learner.id).await?;
        let units = accounts.store.units().await?;
        let admin = roles.iter().any(|r| r.role == Role::Admin.as_str());
        let scopes: Vec<Unit> = if admin {
            units
                .iter()
                .filter(|u| u.parent_code.is_none())
                .cloned()
                .collect()
        } else {
            roles
                .iter()
                .filter(|r| {
                    r.role == Role::Facilitator.as_str() || r.role == Role::Manager.as_str()
                })
                .filter_map(|r| units.iter().find(|u| u.code == r.unit_code).cloned())
                .collect()
        };
        if scopes.is_empty() && !admin {
            return Err(AppError::forbidden().because("classes-not-facilitator"));
        }
        Ok(Facilitation {
            learner,
            viewer,
            lang,
            admin,
            scopes,
            units,
        })
    }

    /// Every session in scope, once each, oldest first.
    pub async fn sessions(
        &self,
        accounts: &Accounts,
    ) -> Result<Vec<hocvu_store::sessions::SessionFigures>, AppError> {
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for scope in &self.scopes {
            for s in accounts.store.sessions_under(&scope.path).await? {
                if seen.insert(s.session.id) {
                    out.push(s);
                }
            }
        }
        out.sort_by_key(|s| s.session.starts_at);
        Ok(out)
    }

    pub fn sees(&self, unit_code: &str) -> bool {
        self.units
            .iter()
            .find(|u| u.code == unit_code)
            .is_some_and(|u| self.admin || self.scopes.iter().any(|s| u.path.starts_with(&s.path)))
    }

    /// Units a session can be held at: communes, wards and villages in scope.
    pub fn places(&self) -> Vec<&Unit> {
        self.units
            .iter()
            .filter(|u| matches!(u.kind.as_str(), "commune" | "ward" | "village"))
            .filter(|u| self.sees(&u.code))
            .collect()
    }

    /// The session of the URL's `{id}`: 404 if unknown, 403 if it is another unit's.
    pub async fn session(&self, accounts: &Accounts, id: i64) -> Result<Session, AppError> {
        let session = accounts
            .store
            .session(id)
            .await?
            .ok_or_else(AppError::not_found)?;
        if self.sees(&session.unit_code) {
            Ok(session)
        } else {
            Err(AppError::forbidden())
        }
    }

    pub fn unit_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.units
            .iter()
            .find(|u| u.code == code)
            .map_or(code, |u| u.name.as_str())
    }
}

async_extractor!(Facilitation);

/// A date (`YYYY-MM-DD`) and two times (`HH:MM`) in Vietnam as Unix milliseconds.
pub fn session_times(date: &str, start: &str, end: &str) -> Result<(i64, i64), AppError> {
    let at = |t: &str| {
        hocvu_dates::vietnam_ms(date.trim(), t.trim())
            .ok_or_else(|| AppError::bad_request().because("classes-error-time"))
    };
    Ok((at(start)?, at(end)?))
}

/// The session form (create and edit): `course` may repeat.
#[derive(Debug, Default)]
pub struct SessionForm {
    pub unit: String,
    pub kind: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub courses: Vec<String>,
    /// Usernames of the other facilitators present (they must run sessions there too).
    pub others: Vec<String>,
}

impl SessionForm {
    pub fn parse(pairs: &[(String, String)]) -> Result<SessionForm, AppError> {
        let mut form = SessionForm::default();
        for (key, value) in pairs {
            let value = value.trim().to_string();
            match key.as_str() {
                "unit" => form.unit = value,
                "kind" => form.kind = value,
                "date" => form.date = value,
                "start" => form.start = value,
                "end" => form.end = value,
                "place" => form.place = hocvu_store::learners::names::normalise_text(&value),
                "facilitators" => {
                    form.others = value
                        .split([',', ' ', ';'])
                        .map(str::trim)
                        .filter(|u| !u.is_empty())
                        .take(10)
                        .map(str::to_string)
                        .collect()
                }
                "course" if !value.is_empty() && !form.courses.contains(&value) => {
                    form.courses.push(value)
                }
                "course" => {}
                other => {
                    return Err(AppError::bad_request().detail(format!(
                        "unknown field `{}`",
                        other.chars().take(20).collect::<String>()
                    )));
                }
            }
        }
        Ok(form)
    }

    /// The plan for the store, with every course checked against the deployed ones.
    pub fn plan(
        &self,
        site: &Site,
        unit: &str,
        kind: hocvu_store::sessions::Kind,
    ) -> Result<hocvu_store::sessions::Plan, AppError> {
        if let Some(unknown) = self.courses.iter().find(|c| site.loaded(c).is_none()) {
            return Err(AppError::bad_request().detail(format!(
                "unknown course `{}`",
                unknown.chars().take(40).collect::<String>()
            )));
        }
        if self.courses.is_empty() {
            return Err(AppError::bad_request().because("classes-error-courses"));
        }
        let (starts_at, ends_at) = session_times(&self.date, &self.start, &self.end)?;
        Ok(hocvu_store::sessions::Plan {
            unit_code: unit.to_string(),
            kind,
            starts_at,
            ends_at,
            place: self.place.clone(),
            courses: self.courses.clone(),
        })
    }
}

/// Creates the session `form` describes, in `f`'s scope, run by them.
pub async fn create_session(
    site: &Site,
    accounts: &Accounts,
    f: &Facilitation,
    form: &SessionForm,
) -> Result<Session, AppError> {
    if !f.sees(&form.unit) {
        return Err(AppError::forbidden().because("classes-error-scope"));
    }
    let kind = hocvu_store::sessions::Kind::parse(&form.kind)
        .ok_or_else(|| AppError::bad_request().because("classes-error-kind"))?;
    let plan = form.plan(site, &form.unit, kind)?;
    let mut facilitators = vec![f.learner.id];
    for username in &form.others {
        let other = crate::manage::learner_named(&accounts.store, username).await?;
        let runs_here = match Facilitation::of(site, accounts, other.clone(), f.lang).await {
            Ok(theirs) => theirs.sees(&form.unit),
            Err(_) => false,
        };
        if !runs_here {
            return Err(AppError::bad_request().detail(format!(
                "{username} does not run sessions at this place: a manager grants them the facilitator role first"
            )));
        }
        facilitators.push(other.id);
    }
    let secret = code::new_secret().map_err(AppError::internal)?;
    let by = f.learner.id;
    Ok(accounts
        .store
        .create_session(&plan, &secret, &facilitators, Some(by))
        .await?)
}

/// Why a check-in was refused: the interface string and the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Wrong, expired or malformed code, or a code of another session.
    WrongCode,
    Closed,
    Throttled,
}

impl Refusal {
    pub fn key(self) -> &'static str {
        match self {
            Refusal::WrongCode => "classes-checkin-wrong",
            Refusal::Closed => "classes-checkin-closed",
            Refusal::Throttled => "classes-checkin-throttled",
        }
    }

    pub fn kind(self) -> ErrorKind {
        match self {
            Refusal::WrongCode => ErrorKind::BadRequest,
            Refusal::Closed => ErrorKind::Gone,
            Refusal::Throttled => ErrorKind::TooManyRequests,
        }
    }

    pub fn status(self) -> actix_web::http::StatusCode {
        self.kind().status()
    }

    /// The API's error for it.
    pub fn api_error(self) -> AppError {
        let code = match self {
            Refusal::WrongCode => "wrong_code",
            Refusal::Closed => "closed",
            Refusal::Throttled => "throttled",
        };
        AppError::new(self.kind()).api(code, self.key())
    }
}

/// A check-in that did not happen: refused (a message for the participant) or failed.
#[derive(Debug)]
pub enum CheckinError {
    Refused(Refusal),
    Failed(AppError),
}

impl<E: Into<AppError>> From<E> for CheckinError {
    fn from(e: E) -> Self {
        CheckinError::Failed(e.into())
    }
}

/// The session a typed code opens now: the given one, or any open session's. Wrong codes
/// count against `address`.
pub async fn session_for_code(
    accounts: &Accounts,
    throttle: &CheckinThrottle,
    address: &str,
    given: Option<&Session>,
    typed: &str,
    now: i64,
) -> Result<Session, CheckinError> {
    let key = [format!("checkin:{address}")];
    if throttle.0.blocked(&accounts.store, &key).await? {
        return Err(CheckinError::Refused(Refusal::Throttled));
    }
    if given.is_some_and(|s| !s.is_open(now)) {
        return Err(CheckinError::Refused(Refusal::Closed));
    }
    let found = match hocvu_certs::CertCode::parse(typed) {
        Err(_) => None,
        Ok(c) => {
            let candidates = match given {
                Some(s) => vec![s.clone()],
                None => accounts.store.open_sessions(now).await?,
            };
            candidates
                .into_iter()
                .find(|s| code::accepts(&s.code_secret, s.id, &c, now))
        }
    };
    match found {
        Some(session) => Ok(session),
        None => {
            throttle.0.failed(&accounts.store, &key).await?;
            Err(CheckinError::Refused(Refusal::WrongCode))
        }
    }
}
