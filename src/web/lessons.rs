//! The lesson panel beside the terminal. Lessons arrive later (the
//! `lessons` module); until then it introduces the sandbox and offers first
//! commands to try, which a click types into the console.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    /// Types a command into the console's input line.
    pub on_try: Callback<String>,
    /// Whether the panel starts unfolded (folded on phones).
    pub open: bool,
}

/// Commands a newcomer can start with, and what each shows.
const FIRST_STEPS: &[(&str, &str)] = &[
    ("docker version", "the client and the daemon it talks to"),
    (
        "docker run hello-world",
        "pull an image from Docker Hub and run it",
    ),
    ("docker images", "the images you have pulled"),
    ("docker ps -a", "every container, running or exited"),
    ("docker info", "the daemon's view of the sandbox"),
];

#[function_component]
pub fn LessonPanel(props: &LessonProps) -> Html {
    html! {
        <aside class="lessons" aria-label="Lessons">
            <details open={props.open} class="lesson">
                <summary><h2>{ "Start here" }</h2></summary>
                <p>
                    { "This is a complete Docker sandbox that runs inside your browser: a simulated \
                       engine, the real " }<code>{ "docker" }</code>{ " commands and their real output. \
                       Nothing you do here can break anything, and everything is kept when you \
                       reload the page." }
                </p>
                <p>{ "Click a command to type it, then press Enter:" }</p>
                <ul class="try">
                    { for FIRST_STEPS.iter().map(|(cmd, what)| {
                        let on_try = props.on_try.clone();
                        let onclick = Callback::from(move |_| on_try.emit(cmd.to_string()));
                        html! {
                            <li>
                                <button class="cmd" {onclick}>{ *cmd }</button>
                                <span class="what">{ *what }</span>
                            </li>
                        }
                    }) }
                </ul>
                <p class="keys">
                    <kbd>{ "↑" }</kbd>{ " " }<kbd>{ "↓" }</kbd>{ " history · " }
                    <kbd>{ "Tab" }</kbd>{ " complete · " }
                    <kbd>{ "Ctrl+C" }</kbd>{ " cancel · " }
                    <kbd>{ "Ctrl+L" }</kbd>{ " clear" }
                </p>
                <p class="soon">{ "Guided lessons on images, layers, containers and registries will appear here." }</p>
            </details>
        </aside>
    }
}
