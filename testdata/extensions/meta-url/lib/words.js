// The library reads words.json, which sits next to it: the way
// wasm-bindgen's JavaScript finds its .wasm file.
export async function loadWord() {
  const response = await fetch(new URL("words.json", import.meta.url));
  const { word } = await response.json();
  return word;
}
