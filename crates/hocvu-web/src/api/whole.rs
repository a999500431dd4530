//! Integers in request bodies as JSON Schema reads them: `6` and `6.0` are the same integer,
//! so a client that writes every number as a float (JavaScript, some generators) is not refused.

use serde::de::Error;
use serde::{Deserialize, Deserializer};

fn whole<'de, D: Deserializer<'de>, T: TryFrom<i64>>(n: serde_json::Number) -> Result<T, D::Error> {
    let value = match n.as_i64() {
        Some(i) => i,
        None => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => f as i64,
            _ => return Err(D::Error::custom(format!("{n} is not a whole number"))),
        },
    };
    T::try_from(value).map_err(|_| D::Error::custom(format!("{n} is out of range")))
}

pub fn number<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<T, D::Error> {
    whole::<D, T>(serde_json::Number::deserialize(d)?)
}

pub fn optional<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
    match Option::<serde_json::Number>::deserialize(d)? {
        Some(n) => whole::<D, T>(n).map(Some),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct Count {
        #[serde(deserialize_with = "super::number")]
        n: i32,
        #[serde(default, deserialize_with = "super::optional")]
        m: Option<i64>,
    }

    #[test]
    fn floats_with_no_fraction_are_integers() {
        let c: Count = serde_json::from_str(r#"{"n": 266.0, "m": 5}"#).unwrap();
        assert_eq!((c.n, c.m), (266, Some(5)));
        let c: Count = serde_json::from_str(r#"{"n": 1}"#).unwrap();
        assert_eq!(c.m, None);
        assert!(serde_json::from_str::<Count>(r#"{"n": 1.5}"#).is_err());
        assert!(serde_json::from_str::<Count>(r#"{"n": 3e10}"#).is_err());
        assert!(serde_json::from_str::<Count>(r#"{"n": "1"}"#).is_err());
    }
}
