module.exports = () => require("./postgres-global").setup();
