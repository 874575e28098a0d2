// usePanel switches the sidebar's page, the Firefox way.
function usePanel(panel) {
  return browser.sidebarAction.setPanel({ panel });
}

// currentPanel resolves the URL of the sidebar's page.
function currentPanel() {
  return browser.sidebarAction.getPanel({});
}
