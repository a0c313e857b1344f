//! Running independent work on every core, keeping the order of the input.
//! Loading entries and hashing files are embarrassingly parallel; scoped
//! threads pulling indexes from one counter are all they need.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `f` over `items` on every core, keeping the order of `items`.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_with(items, cores(), f)
}

/// The number of cores this process may use.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `f` over `items` on `workers` threads, keeping the order of `items`.
pub fn map_with<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    if workers <= 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    *slots[i].lock().unwrap() = Some(f(item));
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| slot.into_inner().unwrap().expect("every slot is filled"))
        .collect()
}

/// Like [`map_with`] for work that can fail: after the first failure no
/// new item is started (a typst error in one volume should not cost the
/// minutes of typesetting the others), and the failure of the earliest
/// failed item is returned.
pub fn try_map_with<T: Sync, R: Send, E: Send>(
    items: &[T],
    workers: usize,
    f: impl Fn(&T) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    if workers <= 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let failed = std::sync::atomic::AtomicBool::new(false);
    let results = map_with(items, workers, |item| {
        if failed.load(Ordering::Relaxed) {
            return None;
        }
        let result = f(item);
        if result.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        Some(result)
    });
    // An item is skipped only once another has failed, so a skipped item
    // means there is an error to return.
    let mut values = Vec::with_capacity(items.len());
    for result in results {
        match result {
            Some(Ok(value)) => values.push(value),
            Some(Err(error)) => return Err(error),
            None => {}
        }
    }
    assert_eq!(
        values.len(),
        items.len(),
        "an item was skipped without a failure"
    );
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn try_map_with_keeps_order_and_stops_after_a_failure() {
        let items: Vec<usize> = (0..100).collect();
        let ok = try_map_with(&items, 2, |&i| Ok::<_, ()>(i * 2)).unwrap();
        assert_eq!(ok, items.iter().map(|i| i * 2).collect::<Vec<_>>());

        let started = AtomicUsize::new(0);
        let err = try_map_with(&items, 2, |&i| {
            started.fetch_add(1, Ordering::Relaxed);
            if i == 3 { Err(i) } else { Ok(i) }
        });
        assert_eq!(err, Err(3));
        // Item 3 and the one the other worker had in hand, at most a few.
        assert!(started.load(Ordering::Relaxed) < 10);
    }
}
