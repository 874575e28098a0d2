/**
 * Copyright 2026 Google LLC
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

// Generated on Fri Oct 16 2026 22:25:27 GMT+0000 (Coordinated Universal Time)
// Built at 44e2778277b858861c2fe7fc02969a94b02f14dc

// Includes MV3+ APIs only.

// Extensions APIs incorrectly reference `usb.Device`, which is a Platform Apps only API.
// The MV3 API `action` incorrectly references the MV2-only API `browserAction`.
declare namespace browserAction {

  /**
   * A tuple of RGBA values.
   */
  type ColorArray = [number, number, number, number];

  /**
   * Pixel data for an image. Must be an ImageData object; for example, from a `canvas` element.
   */
  type ImageDataType = ImageData;

}


// These are stubs for DOM APIs not nessecarily available in TS' defaults.
interface Entry {}
interface FileEntry extends Entry {}
interface DirectoryEntry extends Entry {}
interface LocalMediaStream {}
interface DOMFileSystem extends FileSystem {}

// This is used to support addListener() where additional parameters are supported.
// The name is detected inside the developer.chrome.com repository and special actions are taken.
type CustomChromeEvent<H extends (...args: any) => void> =
  Omit<chrome.events.Event<H>, 'addListener'> & {

    // nb. This just copies the description from `chrome.events.Event.addListener`.
    /**
     * Registers an event listener _callback_ to an event.
     */
    readonly addListener: H;

  };

declare namespace chrome {

  /**
   * Use the `chrome.action` API to control the extension's icon in the Google Chrome toolbar.
   *
   * @since Chrome 88
   * @chrome-manifest action
   * @chrome-min-manifest MV3
   */
  export namespace action {

    export interface TabDetails {

      /**
       * The ID of the tab to query state for. If no tab is specified, the non-tab-specific state is returned.
       */
      tabId?: number;
    }

    /**
     * Fired when an action icon is clicked. This event will not fire if the action has a popup.
     */
    export const onClicked: events.Event<(
      tab: tabs.Tab,
    ) => void>;

    /**
     * Sets the title of the action. This shows up in the tooltip.
     */
    export function setTitle(

      details: {

        /**
         * The string the action should display when moused over.
         */
        title: string,

        /**
         * Limits the change to when a particular tab is selected. Automatically resets when the tab is closed.
         */
        tabId?: number,
      },
    ): Promise<void>;

    /**
     * Sets the title of the action. This shows up in the tooltip.
     */
    export function setTitle(

      details: {

        /**
         * The string the action should display when moused over.
         */
        title: string,

        /**
         * Limits the change to when a particular tab is selected. Automatically resets when the tab is closed.
         */
        tabId?: number,
      },

      callback?: () => void,
    ): void;

    /**
     * Gets the title of the action.
     */
    export function getTitle(

      details: TabDetails,
    ): Promise<string>;

    /**
     * Gets the title of the action.
     */
    export function getTitle(

      details: TabDetails,

      callback?: (
        result: string,
      ) => void,
    ): void;

    /**
     * Sets the icon for the action. The icon can be specified either as the path to an image file or as the pixel data from a canvas element, or as dictionary of either one of those. Either the **path** or the **imageData** property must be specified.
     *
     * @chrome-returns-extra since Chrome 96
     */
    export function setIcon(

      details: {

        /**
         * Either an ImageData object or a dictionary {size -> ImageData} representing icon to be set. If the icon is specified as a dictionary, the actual image to be used is chosen depending on screen's pixel density. If the number of image pixels that fit into one screen space unit equals `scale`, then image with size `scale` \* n will be selected, where n is the size of the icon in the UI. At least one image must be specified. Note that 'details.imageData = foo' is equivalent to 'details.imageData = {'16': foo}'
         */
        imageData?: extensionTypes.ImageDataType | {[name: string]: any},

        /**
         * Either a relative image path or a dictionary {size -> relative image path} pointing to icon to be set. If the icon is specified as a dictionary, the actual image to be used is chosen depending on screen's pixel density. If the number of image pixels that fit into one screen space unit equals `scale`, then image with size `scale` \* n will be selected, where n is the size of the icon in the UI. At least one image must be specified. Note that 'details.path = foo' is equivalent to 'details.path = {'16': foo}'
         */
        path?: string | {[name: string]: any},

        /**
         * Limits the change to when a particular tab is selected. Automatically resets when the tab is closed.
         */
        tabId?: number,
      },
    ): Promise<void>;

    /**
     * Sets the icon for the action. The icon can be specified either as the path to an image file or as the pixel data from a canvas element, or as dictionary of either one of those. Either the **path** or the **imageData** property must be specified.
     */
    export function setIcon(

      details: {

        /**
         * Either an ImageData object or a dictionary {size -> ImageData} representing icon to be set. If the icon is specified as a dictionary, the actual image to be used is chosen depending on screen's pixel density. If the number of image pixels that fit into one screen space unit equals `scale`, then image with size `scale` \* n will be selected, where n is the size of the icon in the UI. At least one image must be specified. Note that 'details.imageData = foo' is equivalent to 'details.imageData = {'16': foo}'
         */
        imageData?: extensionTypes.ImageDataType | {[name: string]: any},

        /**
         * Either a relative image path or a dictionary {size -> relative image path} pointing to icon to be set. If the icon is specified as a dictionary, the actual image to be used is chosen depending on screen's pixel density. If the number of image pixels that fit into one screen space unit equals `scale`, then image with size `scale` \* n will be selected, where n is the size of the icon in the UI. At least one image must be specified. Note that 'details.path = foo' is equivalent to 'details.path = {'16': foo}'
         */
        path?: string | {[name: string]: any},

        /**
         * Limits the change to when a particular tab is selected. Automatically resets when the tab is closed.
         */
        tabId?: number,
      },

      callback?: () => void,
    ): void;
  }

  /**
   * The `chrome.debugger` API serves as an alternate transport for Chrome's [remote debugging protocol](https://developer.chrome.com/devtools/docs/debugger-protocol). Use `chrome.debugger` to attach to one or more tabs to instrument network interaction, debug JavaScript, mutate the DOM and CSS, and more. Use the {@link Debuggee} property `tabId` to target tabs with `sendCommand` and route events by `tabId` from `onEvent` callbacks.
   *
   * @chrome-permission debugger
   */
  namespace _debugger {

    /**
     * Debuggee identifier. Either tabId, extensionId or targetId must be specified
     */
    export interface Debuggee {

      /**
       * The id of the tab which you intend to debug.
       */
      tabId?: number;

      /**
       * The id of the extension which you intend to debug. Attaching to an extension background page is only possible when the `--silent-debugger-extension-api` command-line switch is used.
       */
      extensionId?: string;

      /**
       * The opaque id of the debug target.
       */
      targetId?: string;
    }

    /**
     * Attaches debugger to the given target.
     *
     * @chrome-returns-extra since Chrome 96
     * @param target Debugging target to which you want to attach.
     * @param requiredVersion Required debugging protocol version ("0.1"). One can only attach to the debuggee with matching major version and greater or equal minor version. List of the protocol versions can be obtained [here](https://developer.chrome.com/devtools/docs/debugger-protocol).
     * @returns Resolves once the attach operation succeeds or fails. The promise resolves with no value. If the attach fails, the promise will be rejected.
     */
    export function attach(

      target: Debuggee,

      requiredVersion: string,
    ): Promise<void>;

    /**
     * Attaches debugger to the given target.
     *
     * @param target Debugging target to which you want to attach.
     * @param requiredVersion Required debugging protocol version ("0.1"). One can only attach to the debuggee with matching major version and greater or equal minor version. List of the protocol versions can be obtained [here](https://developer.chrome.com/devtools/docs/debugger-protocol).
     */
    export function attach(

      target: Debuggee,

      requiredVersion: string,

      callback?: () => void,
    ): void;

    /**
     * Fired when browser terminates debugging session for the tab. This happens when either the tab is being closed or Chrome DevTools is being invoked for the attached tab.
     */
    export const onDetach: events.Event<(
      source: Debuggee,
      reason: DetachReason,
    ) => void>;
  }

  export {_debugger as debugger};

  /**
   * Use the `chrome.devtools.inspectedWindow` API to interact with the inspected window: obtain the tab ID for the inspected page, evaluate the code in the context of the inspected window, reload the page, or obtain the list of resources within the page.
   *
   * @chrome-manifest devtools_page
   */
  export namespace devtools.inspectedWindow {

    /**
     * The ID of the tab being inspected. This ID may be used with chrome.tabs.\* API.
     */
    export const tabId: number;

    /**
     * Evaluates a JavaScript expression in the context of the main frame of the inspected page. The expression must evaluate to a JSON-compliant object, otherwise an exception is thrown. The eval function can report either a DevTools-side error or a JavaScript exception that occurs during evaluation. In either case, the `result` parameter of the callback is `undefined`. In the case of a DevTools-side error, the `isException` parameter is non-null and has `isError` set to true and `code` set to an error code. In the case of a JavaScript error, `isException` is set to true and `value` is set to the string value of thrown object.
     *
     * @chrome-returns-extra since Chrome 151
     * @param expression An expression to evaluate.
     * @param options The options parameter can contain one or more options.
     * @returns A function called when evaluation completes.
     */
    function _eval(

      expression: string,

      options?: {

        /**
         * If specified, the expression is evaluated on the iframe whose URL matches the one specified. By default, the expression is evaluated in the top frame of the inspected page.
         */
        frameURL?: string,

        /**
         * Evaluate the expression in the context of the content script of the calling extension, provided that the content script is already injected into the inspected page. If not, the expression is not evaluated and the callback is invoked with the exception parameter set to an object that has the `isError` field set to true and the `code` field set to `E_NOTFOUND`.
         */
        useContentScriptContext?: boolean,

        /**
         * Evaluate the expression in the context of a content script of an extension that matches the specified origin. If given, scriptExecutionContext overrides the 'true' setting on useContentScriptContext.
         *
         * @since Chrome 107
         */
        scriptExecutionContext?: string,
      },
    ): Promise<{

      /**
       * The result of evaluation.
       */
      result: {[name: string]: any},

      /**
       * An object providing details if an exception occurred while evaluating the expression.
       */
      exceptionInfo: {

        /**
         * Set if the error occurred on the DevTools side before the expression is evaluated.
         */
        isError: boolean,

        /**
         * Set if the error occurred on the DevTools side before the expression is evaluated.
         */
        code: string,

        /**
         * Set if the error occurred on the DevTools side before the expression is evaluated.
         */
        description: string,

        /**
         * Set if the error occurred on the DevTools side before the expression is evaluated, contains the array of the values that may be substituted into the description string to provide more information about the cause of the error.
         */
        details: any[],

        /**
         * Set if the evaluated code produces an unhandled exception.
         */
        isException: boolean,

        /**
         * Set if the evaluated code produces an unhandled exception.
         */
        value: string,
      },
    }>;

    /**
     * Evaluates a JavaScript expression in the context of the main frame of the inspected page. The expression must evaluate to a JSON-compliant object, otherwise an exception is thrown. The eval function can report either a DevTools-side error or a JavaScript exception that occurs during evaluation. In either case, the `result` parameter of the callback is `undefined`. In the case of a DevTools-side error, the `isException` parameter is non-null and has `isError` set to true and `code` set to an error code. In the case of a JavaScript error, `isException` is set to true and `value` is set to the string value of thrown object.
     *
     * @param expression An expression to evaluate.
     * @param options The options parameter can contain one or more options.
     */
    function _eval(

      expression: string,

      options?: {

        /**
         * If specified, the expression is evaluated on the iframe whose URL matches the one specified. By default, the expression is evaluated in the top frame of the inspected page.
         */
        frameURL?: string,

        /**
         * Evaluate the expression in the context of the content script of the calling extension, provided that the content script is already injected into the inspected page. If not, the expression is not evaluated and the callback is invoked with the exception parameter set to an object that has the `isError` field set to true and the `code` field set to `E_NOTFOUND`.
         */
        useContentScriptContext?: boolean,

        /**
         * Evaluate the expression in the context of a content script of an extension that matches the specified origin. If given, scriptExecutionContext overrides the 'true' setting on useContentScriptContext.
         *
         * @since Chrome 107
         */
        scriptExecutionContext?: string,
      },

      /**
       * @param response The result of evaluation and exception information.
       */
      callback?: (
        /**
         * @since Chrome 151
         */
        response: {

          /**
           * The result of evaluation.
           */
          result: {[name: string]: any},

          /**
           * An object providing details if an exception occurred while evaluating the expression.
           */
          exceptionInfo: {

            /**
             * Set if the error occurred on the DevTools side before the expression is evaluated.
             */
            isError: boolean,

            /**
             * Set if the error occurred on the DevTools side before the expression is evaluated.
             */
            code: string,

            /**
             * Set if the error occurred on the DevTools side before the expression is evaluated.
             */
            description: string,

            /**
             * Set if the error occurred on the DevTools side before the expression is evaluated, contains the array of the values that may be substituted into the description string to provide more information about the cause of the error.
             */
            details: any[],

            /**
             * Set if the evaluated code produces an unhandled exception.
             */
            isException: boolean,

            /**
             * Set if the evaluated code produces an unhandled exception.
             */
            value: string,
          },
        },
      ) => void,
    ): void;

    export {_eval as eval};
  }

  /**
   * The `chrome.extension` API has utilities that can be used by any extension page. It includes support for exchanging messages between an extension and its content scripts or between extensions, as described in detail in [Message Passing](https://developer.chrome.com/docs/extensions/messaging).
   */
  export namespace extension {

    /**
     * True for content scripts running inside incognito tabs, and for extension pages running inside an incognito process. The latter only applies to extensions with 'split' incognito\_behavior.
     */
    export let inIncognitoContext: boolean;

    /**
     * Returns the JavaScript 'window' object for the background page running inside the current extension. Returns null if the extension has no background page.
     *
     * @chrome-disallow-service-workers
     */
    export function getBackgroundPage(): Window | undefined;
  }

  /**
   * Use the `chrome.runtime` API to retrieve the service worker, return details about the manifest, and listen for and respond to events in the extension lifecycle. You can also use this API to convert the relative path of URLs to fully-qualified URLs.
   */
  export namespace runtime {

    /**
     * Populated with an error message if calling an API function fails; otherwise undefined. This is only defined within the scope of that function's callback. If an error is produced, but `runtime.lastError` is not accessed within the callback, a message is logged to the console listing the API function that produced the error. API functions that return promises do not set this property.
     */
    export let lastError: {

      /**
       * Details about the error which occurred.
       */
      message?: string,
    };

    /**
     * The ID of the extension/app.
     */
    export const id: string;

    /**
     * Fired when a message is sent from either {@link runtime.sendMessage} or {@link tabs.sendMessage}.
     */
    export const onMessage: events.Event<(
      message: any,
      sender: MessageSender,
      /**
       * @param response The response to return to the message sender.
       */
      sendResponse: (
        response?: any,
      ) => void,
    ) => (boolean | Promise<any>) | undefined>;

    /**
     * Retrieves the JavaScript 'window' object for the background page running inside the current extension/app. If the background page is an event page, the system will ensure it is loaded before calling the callback. If there is no background page, an error is set.
     *
     * @chrome-returns-extra since Chrome 99
     * @deprecated Background pages do not exist in MV3 extensions.
     * @chrome-disallow-service-workers
     * @chrome-deprecated-since Chrome 133
     */
    export function getBackgroundPage(): Promise<Window | undefined>;

    /**
     * Retrieves the JavaScript 'window' object for the background page running inside the current extension/app. If the background page is an event page, the system will ensure it is loaded before calling the callback. If there is no background page, an error is set.
     *
     * @deprecated Background pages do not exist in MV3 extensions.
     * @chrome-disallow-service-workers
     * @chrome-deprecated-since Chrome 133
     */
    export function getBackgroundPage(

      /**
       * @param backgroundPage The JavaScript 'window' object for the background page.
       */
      callback?: (
        backgroundPage?: Window,
      ) => void,
    ): void;

    /**
     * Sends a single message to event listeners within your extension or a different extension/app. Similar to {@link runtime.connect} but only sends a single message, with an optional response. If sending to your extension, the {@link runtime.onMessage} event will be fired in every frame of your extension (except for the sender's frame), or {@link runtime.onMessageExternal}, if a different extension. Note that extensions cannot send messages to content scripts using this method. To send messages to content scripts, use {@link tabs.sendMessage}.
     *
     * @chrome-returns-extra since Chrome 99
     * @param extensionId The ID of the extension to send the message to. If omitted, the message will be sent to your own extension/app. Required if sending messages from a web page for [web messaging](https://developer.chrome.com/docs/extensions/manifest/externally_connectable).
     * @param message The message to send. This message should be a JSON-ifiable object.
     * @returns Promise support was added for extension contexts in Chrome 99. When communicating from a web page to an extension, promises are available from Chrome 118.
     */
    export function sendMessage(

      extensionId: string,

      message: any,

      options?: {

        /**
         * Whether the TLS channel ID will be passed into onMessageExternal for processes that are listening for the connection event.
         */
        includeTlsChannelId?: boolean,
      },
    ): Promise<any>;

    /**
     * Sends a single message to event listeners within your extension or a different extension/app. Similar to {@link runtime.connect} but only sends a single message, with an optional response. If sending to your extension, the {@link runtime.onMessage} event will be fired in every frame of your extension (except for the sender's frame), or {@link runtime.onMessageExternal}, if a different extension. Note that extensions cannot send messages to content scripts using this method. To send messages to content scripts, use {@link tabs.sendMessage}.
     *
     * @chrome-returns-extra since Chrome 99
     * @param message The message to send. This message should be a JSON-ifiable object.
     * @returns Promise support was added for extension contexts in Chrome 99. When communicating from a web page to an extension, promises are available from Chrome 118.
     */
    export function sendMessage(

      message: any,

      options?: {

        /**
         * Whether the TLS channel ID will be passed into onMessageExternal for processes that are listening for the connection event.
         */
        includeTlsChannelId?: boolean,
      },
    ): Promise<any>;

    /**
     * Sends a single message to event listeners within your extension or a different extension/app. Similar to {@link runtime.connect} but only sends a single message, with an optional response. If sending to your extension, the {@link runtime.onMessage} event will be fired in every frame of your extension (except for the sender's frame), or {@link runtime.onMessageExternal}, if a different extension. Note that extensions cannot send messages to content scripts using this method. To send messages to content scripts, use {@link tabs.sendMessage}.
     *
     * @param extensionId The ID of the extension to send the message to. If omitted, the message will be sent to your own extension/app. Required if sending messages from a web page for [web messaging](https://developer.chrome.com/docs/extensions/manifest/externally_connectable).
     * @param message The message to send. This message should be a JSON-ifiable object.
     */
    export function sendMessage(

      extensionId: string,

      message: any,

      options?: {

        /**
         * Whether the TLS channel ID will be passed into onMessageExternal for processes that are listening for the connection event.
         */
        includeTlsChannelId?: boolean,
      },

      /**
       * @param response The JSON response object sent by the handler of the message. If an error occurs while connecting to the extension, the callback will be called with no arguments and {@link runtime.lastError} will be set to the error message.
       * @since Chrome 99
       */
      callback?: (
        response: any,
      ) => void,
    ): void;

    /**
     * Sends a single message to event listeners within your extension or a different extension/app. Similar to {@link runtime.connect} but only sends a single message, with an optional response. If sending to your extension, the {@link runtime.onMessage} event will be fired in every frame of your extension (except for the sender's frame), or {@link runtime.onMessageExternal}, if a different extension. Note that extensions cannot send messages to content scripts using this method. To send messages to content scripts, use {@link tabs.sendMessage}.
     *
     * @param message The message to send. This message should be a JSON-ifiable object.
     */
    export function sendMessage(

      message: any,

      options?: {

        /**
         * Whether the TLS channel ID will be passed into onMessageExternal for processes that are listening for the connection event.
         */
        includeTlsChannelId?: boolean,
      },

      /**
       * @param response The JSON response object sent by the handler of the message. If an error occurs while connecting to the extension, the callback will be called with no arguments and {@link runtime.lastError} will be set to the error message.
       * @since Chrome 99
       */
      callback?: (
        response: any,
      ) => void,
    ): void;
  }

  /**
   * Use the `chrome.storage` API to store, retrieve, and track changes to user data.
   *
   * @chrome-permission storage
   */
  export namespace storage {

    /**
     * The storage area's access level.
     *
     * @chrome-enum "TRUSTED\_CONTEXTS" Specifies contexts originating from the extension itself.
     * @chrome-enum "TRUSTED\_AND\_UNTRUSTED\_CONTEXTS" Specifies contexts originating from outside the extension.
     * @since Chrome 102
     */
    export type AccessLevel = "TRUSTED_CONTEXTS" | "TRUSTED_AND_UNTRUSTED_CONTEXTS";

    export interface StorageChange {

      /**
       * The old value of the item, if there was an old value.
       */
      oldValue?: any;

      /**
       * The new value of the item, if there is a new value.
       */
      newValue?: any;
    }

    export interface StorageArea {

      /**
       * Fired when one or more items change.
       *
       * @since Chrome 73
       */
      onChanged: events.Event<(
        changes: {[name: string]: StorageChange},
      ) => void>;

      /**
       * Gets one or more items from storage.
       *
       * @chrome-returns-extra since Chrome 95
       * @param keys A single key to get, list of keys to get, or a dictionary specifying default values (see description of the object). An empty list or object will return an empty result object. Pass in `null` to get the entire contents of storage.
       * @returns Promise that resolves with an object containing a key-value map for the requested items, or rejects on failure.
       */
      get(

        keys?: string | string[] | {[name: string]: any},
      ): Promise<{[name: string]: any}>;

      /**
       * Gets one or more items from storage.
       *
       * @param keys A single key to get, list of keys to get, or a dictionary specifying default values (see description of the object). An empty list or object will return an empty result object. Pass in `null` to get the entire contents of storage.
       */
      get(

        keys?: string | string[] | {[name: string]: any},

        /**
         * @param items Object with items in their key-value mappings.
         */
        callback?: (
          items: {[name: string]: any},
        ) => void,
      ): void;

      /**
       * Gets all keys from storage.
       *
       * @returns Promise that resolves with storage keys, or rejects on failure.
       * @since Chrome 130
       */
      getKeys(): Promise<string[]>;

      /**
       * Gets all keys from storage.
       *
       * @since Chrome 130
       */
      getKeys(

        /**
         * @param keys Array with keys read from storage.
         */
        callback?: (
          keys: string[],
        ) => void,
      ): void;

      /**
       * Gets the amount of space (in bytes) being used by one or more items.
       *
       * @chrome-returns-extra since Chrome 95
       * @param keys A single key or list of keys to get the total usage for. An empty list will return 0. Pass in `null` to get the total usage of all of storage.
       * @returns Promise that resolves with the amount of space being used by storage, or rejects on failure.
       */
      getBytesInUse(

        keys?: string | string[],
      ): Promise<number>;

      /**
       * Gets the amount of space (in bytes) being used by one or more items.
       *
       * @param keys A single key or list of keys to get the total usage for. An empty list will return 0. Pass in `null` to get the total usage of all of storage.
       */
      getBytesInUse(

        keys?: string | string[],

        /**
         * @param bytesInUse Amount of space being used in storage, in bytes.
         */
        callback?: (
          bytesInUse: number,
        ) => void,
      ): void;

      /**
       * Sets multiple items.
       *
       * @chrome-returns-extra since Chrome 95
       * @param items

      An object which gives each key/value pair to update storage with. Any other key/value pairs in storage will not be affected.

      Primitive values such as numbers will serialize as expected. Values with a `typeof` `"object"` and `"function"` will typically serialize to `{}`, with the exception of `Array` (serializes as expected), `Date`, and `Regex` (serialize using their `String` representation).
       * @returns Promise that resolves on success, or rejects on failure.
       */
      set(

        items: {[name: string]: any},
      ): Promise<void>;

      /**
       * Sets multiple items.
       *
       * @param items

      An object which gives each key/value pair to update storage with. Any other key/value pairs in storage will not be affected.

      Primitive values such as numbers will serialize as expected. Values with a `typeof` `"object"` and `"function"` will typically serialize to `{}`, with the exception of `Array` (serializes as expected), `Date`, and `Regex` (serialize using their `String` representation).
       */
      set(

        items: {[name: string]: any},

        callback?: () => void,
      ): void;

      /**
       * Removes one or more items from storage.
       *
       * @chrome-returns-extra since Chrome 95
       * @param keys A single key or a list of keys for items to remove.
       * @returns Promise that resolves on success, or rejects on failure.
       */
      remove(

        keys: string | string[],
      ): Promise<void>;

      /**
       * Removes one or more items from storage.
       *
       * @param keys A single key or a list of keys for items to remove.
       */
      remove(

        keys: string | string[],

        callback?: () => void,
      ): void;

      /**
       * Removes all items from storage.
       *
       * @chrome-returns-extra since Chrome 95
       * @returns Promise that resolves on success, or rejects on failure.
       */
      clear(): Promise<void>;

      /**
       * Removes all items from storage.
       */
      clear(

        callback?: () => void,
      ): void;

      /**
       * Sets the desired access level for the storage area. By default, `session` storage is restricted to trusted contexts (extension pages and service workers), while `managed`, `local`, and `sync` storage allow access from both trusted and untrusted contexts.
       *
       * @returns Promise that resolves on success, or rejects on failure.
       * @since Chrome 102
       */
      setAccessLevel(

        accessOptions: {

          /**
           * The access level of the storage area.
           */
          accessLevel: AccessLevel,
        },
      ): Promise<void>;

      /**
       * Sets the desired access level for the storage area. By default, `session` storage is restricted to trusted contexts (extension pages and service workers), while `managed`, `local`, and `sync` storage allow access from both trusted and untrusted contexts.
       *
       * @since Chrome 102
       */
      setAccessLevel(

        accessOptions: {

          /**
           * The access level of the storage area.
           */
          accessLevel: AccessLevel,
        },

        callback?: () => void,
      ): void;
    }

    /**
     * Items in the `sync` storage area are synced using Chrome Sync.
     */
    export const sync: StorageArea & {

      /**
       * The maximum total amount (in bytes) of data that can be stored in sync storage, as measured by the JSON stringification of every value plus every key's length. Updates that would cause this limit to be exceeded fail immediately and set {@link runtime.lastError} when using a callback, or when a Promise is rejected.
       */
      QUOTA_BYTES: 102400,

      /**
       * The maximum size (in bytes) of each individual item in sync storage, as measured by the JSON stringification of its value plus its key length. Updates containing items larger than this limit will fail immediately and set {@link runtime.lastError} when using a callback, or when a Promise is rejected.
       */
      QUOTA_BYTES_PER_ITEM: 8192,

      /**
       * The maximum number of items that can be stored in sync storage. Updates that would cause this limit to be exceeded will fail immediately and set {@link runtime.lastError} when using a callback, or when a Promise is rejected.
       */
      MAX_ITEMS: 512,

      /**
       * The maximum number of `set`, `remove`, or `clear` operations that can be performed each hour. This is 1 every 2 seconds, a lower ceiling than the short term higher writes-per-minute limit.
       *
       * Updates that would cause this limit to be exceeded fail immediately and set {@link runtime.lastError} when using a callback, or when a Promise is rejected.
       */
      MAX_WRITE_OPERATIONS_PER_HOUR: 1800,

      /**
       * The maximum number of `set`, `remove`, or `clear` operations that can be performed each minute. This is 2 per second, providing higher throughput than writes-per-hour over a shorter period of time.
       *
       * Updates that would cause this limit to be exceeded fail immediately and set {@link runtime.lastError} when using a callback, or when a Promise is rejected.
       */
      MAX_WRITE_OPERATIONS_PER_MINUTE: 120,

      /**
       * @deprecated The storage.sync API no longer has a sustained write operation quota.
       */
      MAX_SUSTAINED_WRITE_OPERATIONS_PER_MINUTE: 1000000,
    };

    /**
     * Items in the `local` storage area are local to each machine.
     */
    export const local: StorageArea & {

      /**
       * The maximum amount (in bytes) of data that can be stored in local storage, as measured by the JSON stringification of every value plus every key's length. This value will be ignored if the extension has the `unlimitedStorage` permission. Updates that would cause this limit to be exceeded fail immediately and set {@link runtime.lastError} when using a callback, or a rejected Promise if using async/await.
       */
      QUOTA_BYTES: 10485760,
    };

    /**
     * Items in the `managed` storage area are set by an enterprise policy configured by the domain administrator, and are read-only for the extension; trying to modify this namespace results in an error. For information on configuring a policy, see [Manifest for storage areas](https://developer.chrome.com/docs/extensions/reference/manifest/storage).
     */
    export const managed: StorageArea;

    /**
     * Items in the `session` storage area are stored in-memory and will not be persisted to disk.
     *
     * @since Chrome 102
     * @chrome-min-manifest MV3
     */
    export const session: StorageArea & {

      /**
       * The maximum amount (in bytes) of data that can be stored in memory, as measured by estimating the dynamically allocated memory usage of every value and key. Updates that would cause this limit to be exceeded fail immediately and set {@link runtime.lastError} when using a callback, or when a Promise is rejected.
       */
      QUOTA_BYTES: 10485760,
    };

    /**
     * Fired when one or more items change.
     */
    export const onChanged: events.Event<(
      changes: {[name: string]: StorageChange},
      areaName: string,
    ) => void>;
  }

  /**
   * The `chrome.types` API contains type declarations for Chrome.
   */
  export namespace types {

    /**
     * An interface that allows access to a Chrome browser setting. See {@link accessibilityFeatures} for an example.
     */
    export interface ChromeSetting<T> {

      /**
       * Fired after the setting changes.
       */
      onChange: events.Event<(
        details: {

          /**
           * The value of the setting after the change.
           */
          value: T,

          /**
           * The level of control of the setting.
           */
          levelOfControl: LevelOfControl,

          /**
           * Whether the value that has changed is specific to the incognito session.
           * This property will _only_ be present if the user has enabled the extension in incognito mode.
           */
          incognitoSpecific?: boolean,
        },
      ) => void>;

      /**
       * Gets the value of a setting.
       *
       * @chrome-returns-extra since Chrome 96
       * @param details Which setting to consider.
       */
      get(

        details: {

          /**
           * Whether to return the value that applies to the incognito session (default false).
           */
          incognito?: boolean,
        },
      ): Promise<{

        /**
         * The value of the setting.
         */
        value: T,

        /**
         * The level of control of the setting.
         */
        levelOfControl: LevelOfControl,

        /**
         * Whether the effective value is specific to the incognito session.
         * This property will _only_ be present if the `incognito` property in the `details` parameter of `get()` was true.
         */
        incognitoSpecific?: boolean,
      }>;

      /**
       * Gets the value of a setting.
       *
       * @param details Which setting to consider.
       */
      get(

        details: {

          /**
           * Whether to return the value that applies to the incognito session (default false).
           */
          incognito?: boolean,
        },

        /**
         * @param details Details of the currently effective value.
         */
        callback?: (
          details: {

            /**
             * The value of the setting.
             */
            value: T,

            /**
             * The level of control of the setting.
             */
            levelOfControl: LevelOfControl,

            /**
             * Whether the effective value is specific to the incognito session.
             * This property will _only_ be present if the `incognito` property in the `details` parameter of `get()` was true.
             */
            incognitoSpecific?: boolean,
          },
        ) => void,
      ): void;

      /**
       * Sets the value of a setting.
       *
       * @chrome-returns-extra since Chrome 96
       * @param details Which setting to change.
       * @returns Called at the completion of the set operation.
       */
      set(

        details: {

          /**
           * The value of the setting.
           * Note that every setting has a specific value type, which is described together with the setting. An extension should _not_ set a value of a different type.
           */
          value: T,

          /**
           * Where to set the setting (default: regular).
           */
          scope?: ChromeSettingScope,
        },
      ): Promise<void>;

      /**
       * Sets the value of a setting.
       *
       * @param details Which setting to change.
       */
      set(

        details: {

          /**
           * The value of the setting.
           * Note that every setting has a specific value type, which is described together with the setting. An extension should _not_ set a value of a different type.
           */
          value: T,

          /**
           * Where to set the setting (default: regular).
           */
          scope?: ChromeSettingScope,
        },

        callback?: () => void,
      ): void;

      /**
       * Clears the setting, restoring any default value.
       *
       * @chrome-returns-extra since Chrome 96
       * @param details Which setting to clear.
       * @returns Called at the completion of the clear operation.
       */
      clear(

        details: {

          /**
           * Where to clear the setting (default: regular).
           */
          scope?: ChromeSettingScope,
        },
      ): Promise<void>;

      /**
       * Clears the setting, restoring any default value.
       *
       * @param details Which setting to clear.
       */
      clear(

        details: {

          /**
           * Where to clear the setting (default: regular).
           */
          scope?: ChromeSettingScope,
        },

        callback?: () => void,
      ): void;
    }
  }

  /**
   * Use the `chrome.privacy` API to control usage of the features in Chrome that can affect a user's privacy. This API relies on the [ChromeSetting prototype of the type API](https://developer.chrome.com/docs/extensions/reference/types/#ChromeSetting) for getting and setting Chrome's configuration.
   *
   * @chrome-permission privacy
   */
  export namespace privacy {

    /**
     * Settings that influence Chrome's handling of network connections in general.
     */
    export const network: {

      /**
       * If enabled, Chrome attempts to speed up your web browsing experience by pre-resolving DNS entries, preemptively opening TCP and SSL connections to servers, and preloading pages. Disabling this preference overrides site owners' ability to speculatively load content (such as prefetching or prerendering via the [Speculation Rules API](https://developer.mozilla.org/docs/Web/API/Speculation_Rules_API)). It does not affect webpage-initiated preconnects or DNS prefetches. This preference's value is a boolean, defaulting to `true`.
       */
      networkPredictionEnabled: types.ChromeSetting<boolean>,

      /**
       * Allow users to specify the media performance/privacy tradeoffs which impacts how WebRTC traffic will be routed and how much local address information is exposed. This preference's value is of type IPHandlingPolicy, defaulting to `default`.
       *
       * @since Chrome 48
       */
      webRTCIPHandlingPolicy: types.ChromeSetting<IPHandlingPolicy>,
    };
  }

  /**
   * Use the `chrome.offscreen` API to create and manage offscreen documents.
   *
   * @since Chrome 109
   * @chrome-permission offscreen
   * @chrome-min-manifest MV3
   */
  export namespace offscreen {

    export interface CreateParameters {
      url: string;
      justification: string;
    }

    /**
     * Creates a new offscreen document for the extension.
     */
    export function createDocument(

      parameters: CreateParameters,
    ): Promise<void>;

    /**
     * Creates a new offscreen document for the extension.
     */
    export function createDocument(

      parameters: CreateParameters,

      callback?: () => void,
    ): void;
  }

  /**
   * Use the `chrome.sidePanel` API to host content in the browser's side panel alongside the main content of a webpage.
   *
   * @since Chrome 114
   * @chrome-permission sidePanel
   * @chrome-min-manifest MV3
   */
  export namespace sidePanel {

    /**
     * Opens the side panel for the extension.
     *
     * @since Chrome 116
     */
    export function open(

      options: OpenOptions,
    ): Promise<void>;

    /**
     * Closes the extension's side panel.
     *
     * @since Chrome 141
     */
    export function close(

      options: CloseOptions,
    ): Promise<void>;
  }

  /**
   * Use the `chrome.contextMenus` API to add items to Google Chrome's context menu.
   *
   * @chrome-permission contextMenus
   */
  export namespace contextMenus {

    /**
     * Removes a context menu item.
     */
    export function remove(

      menuItemId: string | number,
    ): Promise<void>;
  }

  /**
   * Stub namespace for the "web\_accessible\_resources" manifest key.
   *
   * @since Chrome 90
   */
  export namespace webAccessibleResources {

    export interface WebAccessibleResource {
      resources: string[];
    }
  }

  /**
   * Use the `chrome.tabs` API to interact with the browser's tab system.
   */
  export namespace tabs {

    export interface Tab {

      /**
       * Whether the tab is active in its window.
       */
      active: boolean;
    }

    /**
     * Gets all tabs that have the specified properties.
     */
    export function query(

      queryInfo: {
        active?: boolean,
      },
    ): Promise<Tab[]>;
  }

  /**
   * Use the `chrome.userScripts` API to execute user scripts in the User Scripts context.
   *
   * @since Chrome 120
   * @chrome-permission userScripts
   * @chrome-min-manifest MV3
   */
  export namespace userScripts {

    /**
     * The JavaScript world for a user script to execute within.
     */
    export type ExecutionWorld = "MAIN" | "USER_SCRIPT";
  }

  /**
   * Use the `chrome.webRequest` API to observe and analyze traffic and to intercept, block, or modify requests in-flight.
   *
   * @chrome-permission webRequest
   */
  export namespace webRequest {

    /**
     * The maximum number of times that `handlerBehaviorChanged` can be called per 10 minute sustained interval.
     */
    export const MAX_HANDLER_BEHAVIOR_CHANGED_CALLS_PER_10_MINUTES: 20;
  }

}
