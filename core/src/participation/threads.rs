//! Comments in pages of threads: a long conversation is read a page at a time (an item with a
//! thousand comments would otherwise weigh half a megabyte), a thread never cut across pages.

use serde::{Deserialize, Serialize};

use super::view::CommentView;

/// Threads (a top-level comment and its replies) on one page.
pub const THREADS_PER_PAGE: usize = 30;

/// Which page of threads to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CommentsAt {
    /// The newest threads: where the conversation goes on, next to the comment form.
    #[default]
    Latest,
    /// A page asked for, from 1 (past the last: the last).
    Page(usize),
    /// The page holding this comment (a link to it, the page after posting a reply).
    Showing(i64),
}

/// Where a page of threads stands among all of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPaging {
    /// From 1; 1 of 1 when there is no comment.
    pub page: usize,
    pub pages: usize,
    /// Every comment, replies included, on every page.
    pub total: usize,
}

/// The page of `ordered` (threads in reading order: each top-level comment followed by its
/// replies) that `at` asks for.
pub fn page_of_threads(ordered: Vec<CommentView>, at: CommentsAt) -> (Vec<CommentView>, CommentPaging) {
    let total = ordered.len();
    // The index of each thread's first comment.
    let starts: Vec<usize> = ordered.iter().enumerate().filter(|(_, c)| c.parent_id.is_none()).map(|(i, _)| i).collect();
    let pages = starts.len().div_ceil(THREADS_PER_PAGE).max(1);
    let page = match at {
        CommentsAt::Latest => pages,
        CommentsAt::Page(p) => p.clamp(1, pages),
        CommentsAt::Showing(id) => match ordered.iter().position(|c| c.id == id) {
            Some(i) => starts.iter().filter(|s| **s <= i).count().max(1).div_ceil(THREADS_PER_PAGE),
            None => pages,
        },
    };
    let first = (page - 1) * THREADS_PER_PAGE;
    let from = starts.get(first).copied().unwrap_or(total);
    let to = starts.get(first + THREADS_PER_PAGE).copied().unwrap_or(total);
    let shown = ordered.into_iter().skip(from).take(to - from).collect();
    (shown, CommentPaging { page, pages, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: i64, parent_id: Option<i64>) -> CommentView {
        CommentView { id, parent_id, author: None, regie: None, body: Some(format!("c{id}")), hidden: None, created_at: id, edited: false, mine: false, editable: false }
    }

    /// `threads` threads, each a top-level comment with one reply: ids 2n+1 (top) and 2n+2.
    fn conversation(threads: i64) -> Vec<CommentView> {
        (0..threads).flat_map(|n| [comment(2 * n + 1, None), comment(2 * n + 2, Some(2 * n + 1))]).collect()
    }

    #[test]
    fn no_comment_is_one_empty_page() {
        let (shown, paging) = page_of_threads(Vec::new(), CommentsAt::Latest);
        assert!(shown.is_empty());
        assert_eq!(paging, CommentPaging { page: 1, pages: 1, total: 0 });
    }

    #[test]
    fn the_newest_threads_come_first_to_the_eye_and_whole() {
        let (shown, paging) = page_of_threads(conversation(65), CommentsAt::Latest);
        assert_eq!(paging, CommentPaging { page: 3, pages: 3, total: 130 });
        assert_eq!(shown.len(), 10, "5 threads of 2 comments");
        assert_eq!(shown.first().map(|c| c.id), Some(121));
        assert_eq!(shown.last().map(|c| c.id), Some(130), "the last reply is not cut off");
    }

    #[test]
    fn a_page_asked_for_is_clamped_to_those_that_exist() {
        let all = conversation(65);
        let (first, paging) = page_of_threads(all.clone(), CommentsAt::Page(1));
        assert_eq!((paging.page, first.len(), first[0].id), (1, 60, 1));
        assert_eq!(page_of_threads(all.clone(), CommentsAt::Page(0)).1.page, 1);
        assert_eq!(page_of_threads(all, CommentsAt::Page(99)).1.page, 3);
    }

    #[test]
    fn a_reply_in_an_old_thread_is_shown_on_its_threads_page() {
        let all = conversation(65);
        // Comment 62 is the reply of the 31st thread: page 2.
        let (shown, paging) = page_of_threads(all.clone(), CommentsAt::Showing(62));
        assert_eq!(paging.page, 2);
        assert!(shown.iter().any(|c| c.id == 62));
        assert_eq!(page_of_threads(all.clone(), CommentsAt::Showing(60)).1.page, 1, "the 30th thread's reply");
        assert_eq!(page_of_threads(all, CommentsAt::Showing(9_999)).1.page, 3, "unknown: the latest");
    }
}
