package ext

const Ext = "new"
