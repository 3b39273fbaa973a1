"""The app factory as `python -m service` has uvicorn import it, with a faster start-up."""

# The imports behind the app (FastAPI, pydantic, numpy, selectolax) allocate ~100,000 objects
# and trigger the cyclic garbage collector again and again, finding nothing to free. With it off
# while they run, a worker is ready ~0.1 s sooner (of ~0.5 s of imports). Those objects live as
# long as the process, so they are then frozen (moved out of the collector's view): otherwise
# the first full collection after the imports walks all of them again, and every later one too,
# during the model load and under load.
# Each worker process imports this module itself (uvicorn spawns them), so each gets the same.
import gc

gc.disable()
try:
    from service.app import create_app
finally:
    gc.freeze()
    gc.enable()

__all__ = ["create_app"]
