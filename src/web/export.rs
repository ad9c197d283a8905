//! Downloads a text (the saved sandbox) as a file, with a `data:` link: no
//! server, no Blob API, and allowed by the page's Content-Security-Policy.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let document = gloo::utils::document();
    let Ok(a) = document.create_element("a") else {
        return;
    };
    let href = format!(
        "data:{mime};charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    );
    let _ = a.set_attribute("href", &href);
    let _ = a.set_attribute("download", name);
    if let Ok(a) = a.dyn_into::<web_sys::HtmlElement>() {
        let body = gloo::utils::body();
        let _ = body.append_child(&a);
        a.click();
        a.remove();
    }
}
