//! In-page dialogs instead of `window.confirm()`, which sandboxed iframes
//! (lesson embeds) block — a blocked `confirm()` returns false and the
//! action silently does nothing. Escape or the backdrop cancels.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    pub title: AttrValue,
    pub message: AttrValue,
    /// The label of the button that goes ahead.
    pub confirm: AttrValue,
    pub cancel: AttrValue,
    /// `true` to go ahead, `false` to cancel.
    pub on_answer: Callback<bool>,
}

/// A modal yes/no question; the cancel button has the focus.
#[function_component]
pub fn Confirm(props: &ConfirmProps) -> Html {
    let cancel_ref = use_node_ref();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = cancel_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let answer = |yes: bool| {
        let cb = props.on_answer.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            cb.emit(yes)
        })
    };
    let onkeydown = {
        let cb = props.on_answer.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                cb.emit(false);
            }
        })
    };
    let on_backdrop = {
        let cb = props.on_answer.clone();
        Callback::from(move |e: MouseEvent| {
            let on_backdrop = e.target() == e.current_target();
            if on_backdrop {
                cb.emit(false);
            }
        })
    };
    html! {
        <div class="dialog-backdrop" onclick={on_backdrop} {onkeydown}>
            <div class="dialog" role="alertdialog" aria-modal="true"
                aria-labelledby="dialog-title" aria-describedby="dialog-message">
                <h2 id="dialog-title">{ props.title.clone() }</h2>
                <p id="dialog-message">{ props.message.clone() }</p>
                <div class="dialog-actions">
                    <button type="button" ref={cancel_ref} onclick={answer(false)}>{ props.cancel.clone() }</button>
                    <button type="button" class="danger" onclick={answer(true)}>{ props.confirm.clone() }</button>
                </div>
            </div>
        </div>
    }
}
