package ext

const Ext = "old"
