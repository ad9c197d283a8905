//! Lessons: the lesson model (steps, hints, solutions, quizzes), checks
//! evaluated against engine state, and the lint for lesson files in
//! `lessons/`.
