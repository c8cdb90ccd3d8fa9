//! Packs laid out side by side, one to a lane.
//!
//! typst lays out a pack's pages, and krilla writes its fonts, in parallel with rayon. On
//! one pool shared by all packs, a thread that waits for its pack's parallel part takes
//! any work in the pool meanwhile, the next pack's included, and lays that pack out on
//! top of the first: at a council's scale dozens of packs were in flight on two cores
//! at once, each holding its layout, and the first build's peak grew with them. A lane
//! is a pool of its own, so a thread waiting in it can only take work of its own pack.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// `work` applied to every job, on as many lanes as there are cores (or jobs, if fewer),
/// each lane's threads with `stack` bytes of stack; the results in the jobs' order.
pub fn run<'a, J: Sync, T: Send>(
    jobs: &'a [J],
    stack: usize,
    work: impl Fn(&'a J) -> T + Sync,
) -> Vec<T> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let lanes = cores.min(jobs.len()).max(1);
    // Fewer jobs than cores (a rebuild after one edit): each lane's pack gets the rest.
    let threads = (cores / lanes).max(1);
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(jobs.len()));
    let lane = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            let out = work(job);
            done.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((i, out));
        }
    };
    std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(lanes);
        for _ in 0..lanes {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .stack_size(stack)
                .build();
            let spawned = std::thread::Builder::new()
                .stack_size(stack)
                .spawn_scoped(scope, || match pool {
                    Ok(pool) => pool.install(lane),
                    Err(_) => lane(),
                });
            match spawned {
                Ok(handle) => handles.push(handle),
                // No thread to be had: this one works, and the lanes already out help.
                Err(_) => lane(),
            }
        }
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    let mut done = done.into_inner().unwrap_or_else(PoisonError::into_inner);
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, out)| out).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_job_is_done_once_and_in_order() {
        let jobs: Vec<u32> = (0..100).collect();
        let seen = std::sync::atomic::AtomicUsize::new(0);
        let out = super::run(&jobs, 1 << 20, |j| {
            seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            j * 2
        });
        assert_eq!(out, (0..100).map(|j| j * 2).collect::<Vec<_>>());
        assert_eq!(seen.into_inner(), 100);
        assert!(super::run(&[] as &[u32], 1 << 20, |j| *j).is_empty());
    }
}
