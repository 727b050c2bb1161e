//! The embedded catalogs: released ones never change, every figure is sourced,
//! and the checks on load refuse a broken file.

use std::collections::BTreeMap;

use headroom_models::catalog::{self, RateName};
use headroom_models::Catalog;
use sha2::{Digest, Sha256};

fn released() -> BTreeMap<String, String> {
    include_str!("../catalogs/RELEASED")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, hash) = l
                .split_once(' ')
                .expect("RELEASED lines are `<id> <sha256>`");
            (id.to_owned(), hash.trim().to_owned())
        })
        .collect()
}

fn file_of(id: &str) -> String {
    let path = format!("{}/catalogs/{id}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn released_catalogs_are_never_edited() {
    let released = released();
    assert!(!released.is_empty());
    for (id, want) in &released {
        let got = format!("{:x}", Sha256::digest(file_of(id).as_bytes()));
        assert_eq!(
            &got, want,
            "catalog {id} changed after release: a new price needs a new catalog id (see models/catalogs/README.md)"
        );
    }
}

#[test]
fn every_embedded_catalog_is_released_and_named_by_its_file() {
    let released = released();
    for c in catalog::all().unwrap() {
        assert!(
            released.contains_key(&c.id),
            "catalog {} is embedded but not listed in RELEASED",
            c.id
        );
        let parsed = Catalog::from_json(&file_of(&c.id)).unwrap();
        assert_eq!(parsed, c, "catalog id {} names its own file", c.id);
    }
}

#[test]
fn every_figure_has_a_source_and_a_month() {
    for c in catalog::all().unwrap() {
        let mut sources = Vec::new();
        for s in &c.app_skus {
            sources.push((format!("app:{}", s.id), &s.price.source));
        }
        for s in &c.db_skus {
            sources.push((format!("db:{}", s.id), &s.price.source));
            sources.push((format!("db:{} capacity", s.id), &s.capacity_source));
        }
        for s in &c.cache_skus {
            sources.push((format!("cache:{}", s.id), &s.price.source));
            sources.push((format!("cache:{} capacity", s.id), &s.capacity_source));
        }
        for (name, rate) in &c.rates {
            for (i, t) in rate.tiers.iter().enumerate() {
                sources.push((format!("{name}.{i}"), &t.source));
            }
        }
        for f in &c.fixed_fees {
            sources.push((format!("fee:{}", f.name), &f.source));
        }
        for (key, src) in sources {
            assert!(!src.source.trim().is_empty(), "{} {key}: no source", c.id);
            let seen = src.seen.as_bytes();
            assert!(
                seen.len() == 7
                    && seen[4] == b'-'
                    && src.seen[..4].parse::<u32>().is_ok()
                    && src.seen[5..].parse::<u32>().is_ok(),
                "{} {key}: seen {:?} is not YYYY-MM",
                c.id,
                src.seen
            );
            if src.source.starts_with("UNVERIFIED") {
                assert!(
                    !src.verified,
                    "{} {key}: an UNVERIFIED source cannot be verified",
                    c.id
                );
            }
        }
    }
}

#[test]
fn a_catalog_missing_a_rate_is_refused_naming_it() {
    let mut value: serde_json::Value =
        serde_json::from_str(&file_of("aws-us-east-1-2026-11")).unwrap();
    value["rates"].as_object_mut().unwrap().remove("email");
    let e = Catalog::from_json(&value.to_string()).unwrap_err();
    assert!(e.to_string().contains("email"), "{e}");
}

#[test]
fn a_ladder_out_of_price_order_is_refused() {
    let mut value: serde_json::Value =
        serde_json::from_str(&file_of("aws-us-east-1-2026-11")).unwrap();
    value["db_skus"].as_array_mut().unwrap().reverse();
    let e = Catalog::from_json(&value.to_string()).unwrap_err();
    assert!(e.to_string().contains("ascending"), "{e}");
}

#[test]
fn every_rate_is_present_in_every_catalog() {
    for c in catalog::all().unwrap() {
        for name in RateName::ALL {
            assert!(!c.rate(name).tiers.is_empty(), "{} {}", c.id, name.key());
        }
    }
}
