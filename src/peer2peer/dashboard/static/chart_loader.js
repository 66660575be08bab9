// Plotly's chart script, from this server's page template (dashboard/page_template.py), so
// that the browser keeps it, where a chart carrying it inline sends 5 MB at every visit.
const config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
const base = new URL(config.baseUrl, window.location.href);
const plotly = await import(new URL("__SCRIPT__", base).href);
export const FigureModel = plotly.FigureModel;
export const FigureView = plotly.FigureView;
export default plotly.default;
