// Public interface of the flight stage (see ../../README.md, architecture).
export {};
