use std::time::Instant;
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let rel = std::env::args().nth(2).unwrap();
    let now = jiff::Timestamp::from_second(1795392000).unwrap();
    let opts = teambook::load::Options { drafts: false, now };
    let mut cache = teambook::load::Cache::default();
    let (hb, _) = teambook::open_cached(&mut cache, &root, &opts, None);
    let mut d = teambook::diagnostics::Diagnostics::default();
    let mut session = teambook::render::incremental::Session::start(hb.unwrap(), &mut d).unwrap();
    for i in 0..40 {
        let path = root.join(&rel);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\nx{i}\n")).unwrap();
        let t = Instant::now();
        let changed = vec![rel.clone()];
        cache.refresh(&root, Some(&changed));
        let t1 = t.elapsed();
        let mut diags = teambook::diagnostics::Diagnostics::default();
        let loaded = cache.assemble(&root, &opts, &mut diags).unwrap();
        let t2 = t.elapsed();
        let hb = teambook::resolve::resolve(loaded, &mut diags);
        let t3 = t.elapsed();
        teambook::checks::check(&hb, &mut diags);
        let t4 = t.elapsed();
        let r = session.update(hb, Some(&changed), &mut diags).unwrap();
        let t5 = t.elapsed();
        let _site = session.site();
        let _fp = session.fingerprint();
        let t6 = t.elapsed();
        eprintln!("refresh {:?} assemble {:?} resolve {:?} checks {:?} update {:?} ({} pages) site+fp {:?}", t1, t2 - t1, t3 - t2, t4 - t3, t5 - t4, r.pages, t6 - t5);
    }
}
